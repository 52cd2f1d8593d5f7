// HTTP routes for attachments: multipart upload, a record's list, metadata, download, delete.
import { z } from 'zod';
import type { MultipartFile } from '@fastify/multipart';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { AppError } from '../../platform/http/errors.ts';
import { id } from '../../platform/http/schemas.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { receiveFile, type ReceivedFile } from './receive-file.ts';
import { attachmentListQuery, createAttachment, deleteAttachment, findAttachment, listAttachments, presentAttachment, uploadFields } from './attachments-service.ts';

const idParams = z.object({ id: id() });
const tags = ['attachments'];

/** attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded original (RFC 6266) */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const attachmentRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  app.post(
    '/api/attachments',
    { schema: { tags, summary: 'Upload a file (multipart: file, entity, entityId, documentType)', description: `Allowed: pdf, png, jpg, docx, xlsx, pptx, txt, csv; at most ${deps.config.maxUploadBytes} bytes.` } },
    async (req, reply) => {
      authorize(req.ctx, 'attachments', 'create');
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the upload as multipart/form-data with the parts file, entity, entityId and documentType.');
      const fields: Record<string, string> = {};
      let received: ReceivedFile | undefined;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          const file: MultipartFile = part;
          if (file.fieldname !== 'file') {
            file.file.resume();
            throw new AppError('bad_request', `Send the file in a part named "file", not "${file.fieldname}".`);
          }
          received = await receiveFile(deps.files, req.ctx.tenantId, { filename: file.filename, stream: file.file, truncated: () => file.file.truncated, maxBytes: deps.config.maxUploadBytes });
        }
        if (!received) throw new AppError('bad_request', 'No file was sent. Add the file in a part named "file".');
        const parsed = uploadFields.safeParse(fields);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));
          throw new AppError('validation_failed', `Some fields are not valid: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}.`, { issues });
        }
        const file = received;
        const created = await inTenant(db, req.ctx.tenantId, (trx) => createAttachment(trx, req.ctx, parsed.data, file));
        return reply.status(201).send(created);
      } catch (err) {
        if (received) await deps.files.remove(received.storageKey);
        throw err;
      }
    },
  );

  app.get('/api/attachments', { schema: { tags, summary: "List a record's attachments", querystring: attachmentListQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listAttachments(trx, req.ctx, req.query)),
  );

  app.get('/api/attachments/:id', { schema: { tags, summary: "Read an attachment's details", params: idParams } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => presentAttachment(await findAttachment(trx, req.ctx, req.params.id))),
  );

  app.get('/api/attachments/:id/content', { schema: { tags, summary: 'Download the file under its original name', params: idParams } }, async (req, reply) => {
    const row = await inTenant(db, req.ctx.tenantId, (trx) => findAttachment(trx, req.ctx, req.params.id));
    return reply
      .header('content-type', row.content_type)
      .header('content-length', row.size_bytes)
      .header('content-disposition', contentDisposition(row.filename))
      .header('x-content-type-options', 'nosniff')
      .send(deps.files.get(row.storage_key));
  });

  app.delete('/api/attachments/:id', { schema: { tags, summary: 'Delete an attachment and its file', params: idParams } }, async (req, reply) => {
    const storageKey = await inTenant(db, req.ctx.tenantId, (trx) => deleteAttachment(trx, req.ctx, req.params.id));
    await deps.files.remove(storageKey);
    return reply.status(204).send();
  });
};
