// HTTP imports: upload a CSV/XLSX (streamed to the file store), queue it as a background job,
// and poll its progress and bad-row report.
import { Transform } from 'node:stream';
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/define-job.ts';
import { iso } from '../../platform/http/schemas.ts';
import { dataEntityNames } from './data-entities.ts';
import { importJob } from './import-job.ts';
import type { ImportsTable } from '../../platform/db/schema.ts';
import type { Selectable } from 'kysely';

const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
const IMPORT_FILE = /\.(csv|txt|tsv|xlsx)$/i;

const uploadQuery = z
  .object({
    entity: z.enum(dataEntityNames as [string, ...string[]]),
    skipBadRows: z.enum(['true', 'false']).default('false'),
    /** JSON object header → field */
    mapping: z.string().max(10_000).optional(),
  })
  .strict();

const presentImport = (r: Selectable<ImportsTable>) => ({
  id: r.id,
  entity: r.entity,
  filename: r.filename,
  status: r.status,
  skipBadRows: r.skip_bad_rows,
  totalRows: r.total_rows,
  processedRows: r.processed_rows,
  insertedRows: r.inserted_rows,
  badRowCount: r.bad_row_count,
  bytesTotal: r.bytes_total === null ? null : Number(r.bytes_total),
  bytesRead: Number(r.bytes_read),
  /** 0..1 for the progress bar: bytes read while running, 1 once finished */
  progress: r.status === 'succeeded' || r.status === 'failed' ? 1 : r.bytes_total ? Math.min(1, Number(r.bytes_read) / Number(r.bytes_total)) : 0,
  errors: r.errors,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  finishedAt: iso(r.finished_at),
});

function parseMapping(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    return z.record(z.string().max(200), z.string().max(100)).parse(JSON.parse(raw));
  } catch {
    throw new AppError('validation_failed', 'mapping must be a JSON object of column header → field, e.g. {"客户":"name"}.');
  }
}

export const importRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/api/imports', { schema: { tags: ['imports'], summary: 'Upload a CSV/XLSX file and import it in the background', querystring: uploadQuery } }, async (req, reply) => {
    authorize(req.ctx, 'imports', 'create');
    const mapping = parseMapping(req.query.mapping);
    if (!deps.jobs) throw new AppError('internal', 'Background jobs are not running on this server, so uploads cannot be imported. Use `sightline import` instead.');
    const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
    if (!file) throw new AppError('validation_failed', 'Attach the file to import as multipart field "file".');
    if (!IMPORT_FILE.test(file.filename)) {
      file.file.resume();
      throw new AppError('unsupported_media_type', 'Import a .csv, .tsv, .txt or .xlsx file.');
    }
    const importId = newId();
    const storageKey = `${req.ctx.tenantId}/imports/${importId}`;
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    await deps.files.put(storageKey, file.file.pipe(counter));
    if (file.file.truncated) {
      await deps.files.remove(storageKey);
      throw new AppError('payload_too_large', 'The file is larger than 1 GB. Split it, or use `sightline import` on the server.');
    }
    const jobs = deps.jobs;
    await inTenant(db, req.ctx.tenantId, async (trx) => {
      await trx
        .insertInto('imports')
        .values({ id: importId, tenant_id: req.ctx.tenantId, entity: req.query.entity, filename: file.filename, skip_bad_rows: req.query.skipBadRows === 'true', errors: '[]', created_by: req.ctx.actor.userId, storage_key: storageKey, bytes_total: size })
        .execute();
      await enqueue(
        jobs,
        importJob,
        { importId, tenantId: req.ctx.tenantId, userId: req.ctx.actor.userId ?? '', entity: req.query.entity, filename: file.filename, storageKey, totalBytes: size, skipBadRows: req.query.skipBadRows === 'true', mapping },
        { trx },
      );
    });
    return reply.status(202).send({ id: importId, status: 'queued' });
  });

  app.get('/api/imports/:id', { schema: { tags: ['imports'], summary: 'An import: status, progress and bad rows', params: z.object({ id: z.uuid() }) } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => {
      authorize(req.ctx, 'imports', 'read');
      const row = await trx.selectFrom('imports').selectAll().where('tenant_id', '=', req.ctx.tenantId).where('id', '=', req.params.id).executeTakeFirst();
      if (!row) throw notFound('Import');
      return presentImport(row);
    }),
  );

  app.get('/api/imports', { schema: { tags: ['imports'], summary: 'Recent imports', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict() } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => {
      authorize(req.ctx, 'imports', 'read');
      const rows = await trx.selectFrom('imports').selectAll().where('tenant_id', '=', req.ctx.tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(req.query.limit).execute();
      return { items: rows.map(presentImport), nextCursor: null };
    }),
  );
};
