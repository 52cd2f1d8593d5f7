// Attachment use cases: record an uploaded file against a record the actor can see, list a
// record's files, open one for download and delete it. Visibility follows the record.
import { z } from 'zod';
import { sql, type SqlBool } from 'kysely';
import { recordEvent } from '../../platform/events/outbox.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { notFound } from '../../platform/http/errors.ts';
import { decodeCursor, fetchLimit, listQueryBase, type Page, pageFrom } from '../../platform/http/list-params.ts';
import { id, iso } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { AttachmentsTable } from '../../platform/db/schema.ts';
import type { Selectable } from 'kysely';
import { assertMayChange, assertRecordVisible, recordLabels, type AttachableEntity } from '../activities/attached-records.ts';
import type { ReceivedFile } from './receive-file.ts';

const entity = z.enum(Object.keys(recordLabels) as [AttachableEntity, ...AttachableEntity[]]);
const documentType = z.string().trim().min(1, 'must not be empty').max(60);

export const uploadFields = z.object({ entity, entityId: id(), documentType }).strict();
export const attachmentListQuery = z.object({ ...listQueryBase, entity, entityId: id(), documentType: documentType.optional() }).strict();

type AttachmentRow = Selectable<AttachmentsTable>;

export const presentAttachment = (r: AttachmentRow) => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  documentType: r.document_type,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  createdAt: iso(r.created_at),
});
type Attachment = ReturnType<typeof presentAttachment>;

export async function createAttachment(trx: Tx, ctx: RequestContext, input: z.infer<typeof uploadFields>, file: ReceivedFile): Promise<Attachment> {
  authorize(ctx, 'attachments', 'create');
  await assertRecordVisible(trx, ctx, input.entity, input.entityId, 'reference');
  const row = await trx
    .insertInto('attachments')
    .values({
      id: file.id,
      tenant_id: ctx.tenantId,
      entity: input.entity,
      entity_id: input.entityId,
      document_type: input.documentType,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.sizeBytes,
      sha256: file.sha256,
      storage_key: file.storageKey,
      uploaded_by: ctx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const attachment = presentAttachment(row);
  await recordEvent(trx, ctx, { type: 'attachment.created', entity: 'attachments', entityId: row.id, after: attachment });
  return attachment;
}

/** A record's attachments, newest first, in keyset pages. */
export async function listAttachments(trx: Tx, ctx: RequestContext, query: z.infer<typeof attachmentListQuery>): Promise<Page<Attachment>> {
  authorize(ctx, 'attachments', 'read');
  await assertRecordVisible(trx, ctx, query.entity, query.entityId, 'read');
  const sort = '-createdAt';
  const cursor = decodeCursor(query.cursor, sort);
  let q = trx.selectFrom('attachments').selectAll().where('tenant_id', '=', ctx.tenantId).where('entity', '=', query.entity).where('entity_id', '=', query.entityId);
  if (query.documentType) q = q.where('document_type', '=', query.documentType);
  if (cursor) q = q.where(sql<SqlBool>`(created_at, id) < (${cursor.v}, ${cursor.id})`);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, presentAttachment, (last) => ({ v: last.created_at.toISOString(), id: last.id, s: sort }));
}

/** The attachment row if the actor may see the record it hangs on; 404 otherwise. */
export async function findAttachment(trx: Tx, ctx: RequestContext, attachmentId: string, lock = false): Promise<AttachmentRow> {
  authorize(ctx, 'attachments', 'read');
  let q = trx.selectFrom('attachments').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', attachmentId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('Attachment');
  await assertRecordVisible(trx, ctx, row.entity as AttachableEntity, row.entity_id, 'read');
  return row;
}

/** Deletes the row (evented); returns the storage key so the bytes can go once the transaction commits. */
export async function deleteAttachment(trx: Tx, ctx: RequestContext, attachmentId: string): Promise<string> {
  authorize(ctx, 'attachments', 'delete');
  const row = await findAttachment(trx, ctx, attachmentId, true);
  assertMayChange(ctx, row.uploaded_by, 'attachment');
  await trx.deleteFrom('attachments').where('tenant_id', '=', ctx.tenantId).where('id', '=', attachmentId).execute();
  await recordEvent(trx, ctx, { type: 'attachment.deleted', entity: 'attachments', entityId: attachmentId, before: presentAttachment(row) });
  return row.storage_key;
}
