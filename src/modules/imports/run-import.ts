// The import use case: streams a CSV/XLSX file into one record type, all-or-nothing by
// default (one transaction; any bad row writes nothing) or loading the good rows with
// skipBadRows; every bad row is reported by its line. Called by the CLI and by jobs.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { hiddenFields } from '../../platform/auth/field-hiding.ts';
import { loadCustomFields } from '../../platform/custom-fields/custom-fields.ts';
import { inTenant, type Actor, type RequestContext, type Tx } from '../../platform/tenancy/context.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';
import { dataEntity } from './data-entities.ts';
import { fieldInfo } from './field-kinds.ts';
import { missingRequired, planColumns } from './column-mapping.ts';
import { openSource, type SourceInfo } from './source-records.ts';
import { ReferenceResolver } from './reference-resolver.ts';
import { RowPreparer } from './row-preparer.ts';
import { BatchWriter, type RowToWrite } from './batch-writer.ts';
import { WriteQueue, type RefusedRow } from './write-queue.ts';
import type { SourceRecord } from './source-record.ts';

export interface ImportProgress {
  rowsProcessed: number;
  bytesRead: number;
  /** null when the size of a stream is not known */
  totalBytes: number | null;
}

export interface ImportOptions {
  db: Kysely<Database>;
  tenantId: string;
  actor: Actor;
  entity: string;
  /** a file path, or a stream of its bytes (give filename and totalBytes with a stream) */
  file?: string;
  stream?: AsyncIterable<Buffer | string>;
  filename?: string;
  totalBytes?: number;
  /** header → field ('' ignores the column), on top of the automatic mapping */
  mapping?: Record<string, string>;
  skipBadRows?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** an `imports` row (e.g. queued by an upload) to finish instead of creating one */
  importId?: string;
  batchSize?: number;
}

export interface BadRow {
  line: number;
  message: string;
}

export interface ImportResult {
  importId: string;
  entity: string;
  status: 'succeeded' | 'failed';
  totalRows: number;
  insertedRows: number;
  badRowCount: number;
  /** the first MAX_REPORTED bad rows, in file order */
  badRows: BadRow[];
  ignoredColumns: string[];
  source: SourceInfo;
  seconds: number;
}

/**
 * Records checked at a time. Small, because a batch is checked mostly without giving the event loop a
 * turn: the database starts on the first rows at once, and a finished write is seen (and the next
 * one started) within one batch. The resolver's lookups are cached across batches.
 */
const DEFAULT_BATCH = 500;
/** bad rows kept in memory and reported; beyond this only the count grows */
export const MAX_REPORTED = 10_000;
/** bad rows stored on the imports record */
const MAX_STORED = 1000;

/** Thrown inside the transaction to undo an all-or-nothing import that met bad rows. */
class RollBack extends Error {}

export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const entity = dataEntity(opts.entity);
  const resource = entity.resource;
  const ctx: RequestContext = { tenantId: opts.tenantId, actor: opts.actor };
  authorize(ctx, 'imports', 'create');
  authorize(ctx, resource.name, 'create');
  if (!opts.file && !opts.stream) throw new AppError('bad_request', 'Give the file to import.');
  if (opts.file && !fs.existsSync(opts.file)) throw new AppError('not_found', `There is no file at ${opts.file}.`);
  const filename = opts.filename ?? (opts.file ? path.basename(opts.file) : 'upload');
  const totalBytes = opts.totalBytes ?? (opts.file ? fs.statSync(opts.file).size : null);
  const source = await openSource(opts.stream ?? fs.createReadStream(opts.file as string, { highWaterMark: 256 * 1024 }));
  const header = await firstRecord(source.records);
  if (!header) throw new AppError('validation_failed', `${filename} is empty: it needs a header row and at least one record.`);

  const importId = opts.importId ?? newId();
  const tally = { totalRows: 0, insertedRows: 0, badRowCount: 0, badRows: [] as BadRow[], ignoredColumns: [] as string[] };
  const addBad = (line: number, message: string) => {
    tally.badRowCount++;
    if (tally.badRows.length < MAX_REPORTED) tally.badRows.push({ line, message });
  };
  const finish = (status: ImportResult['status']): ImportResult => ({
    importId,
    entity: resource.name,
    status,
    ...tally,
    insertedRows: status === 'succeeded' ? tally.insertedRows : 0,
    source: source.info,
    seconds: (performance.now() - started) / 1000,
  });
  const saveRecord = (trx: Tx, status: ImportResult['status']) => saveImportRecord(trx, ctx, { ...finish(status), filename, skipBadRows: !!opts.skipBadRows, existing: !!opts.importId });

  try {
    return await inTenant(opts.db, opts.tenantId, async (trx) => {
      const customDefs = resource.customFields ? await loadCustomFields(trx, opts.tenantId, resource.name) : [];
      const fields = fieldInfo(resource.createSchema);
      const plan = planColumns(header.cells, entity, Object.keys(fields.kinds), customDefs, opts.mapping ?? {});
      tally.ignoredColumns = plan.ignored;
      const missing = missingRequired(plan, fields.required, entity);
      if (missing.length) {
        throw new AppError('validation_failed', `${filename} has no column for ${missing.join(', ')}. Add the column, or name an existing one with --map "Header=field".`, { missing });
      }
      const tenant = await trx.selectFrom('tenants').select('time_zone').where('id', '=', opts.tenantId).executeTakeFirstOrThrow();
      const scope = resource.ownerColumn ? await visibleOwnerIds(trx, ctx) : null;
      const writer = await WriteQueue.open(trx, await BatchWriter.open(trx, resource.name));
      const preparer = new RowPreparer({
        ctx,
        entity,
        plan,
        fields,
        customDefs,
        headerWidth: header.cells.length,
        timeZone: tenant.time_zone,
        resolver: new ReferenceResolver(trx, opts.tenantId),
        ownerScope: scope ? new Set(scope) : null,
        hiddenFields: await hiddenFields(trx, ctx, resource.name),
      });

      // the queue keeps the database writing while the next batches are read and checked
      const refuse = (refused: RefusedRow[]) => {
        for (const r of refused) addBad(r.line, r.message);
        tally.insertedRows -= refused.length;
      };
      const load = async (records: SourceRecord[]) => {
        const prepared = await preparer.prepare(records);
        tally.totalRows += prepared.length;
        const good: RowToWrite[] = [];
        for (const row of prepared) {
          if (row.columns) good.push({ line: row.line, columns: row.columns });
          else addBad(row.line, row.problems.join('; '));
        }
        // all-or-nothing: once a row is bad nothing will be kept, so stop writing and only check
        if (opts.skipBadRows || tally.badRowCount === 0) {
          tally.insertedRows += good.length;
          refuse(await writer.add(good));
        }
        opts.onProgress?.({ rowsProcessed: tally.totalRows, bytesRead: source.bytesRead(), totalBytes });
      };

      try {
        let batch: SourceRecord[] = [];
        for await (const record of source.records) {
          if (record.cells.every((c) => c.trim() === '')) continue;
          batch.push(record);
          if (batch.length >= (opts.batchSize ?? DEFAULT_BATCH)) {
            await load(batch);
            batch = [];
          }
        }
        await load(batch);
        refuse(await writer.finish());
      } catch (err) {
        await writer.stop();
        throw err;
      }
      tally.badRows.sort((a, b) => a.line - b.line);
      if (tally.totalRows === 0) throw new AppError('validation_failed', `${filename} has a header row but no records.`);
      if (tally.badRowCount && !opts.skipBadRows) throw new RollBack();
      await saveRecord(trx, 'succeeded');
      return finish('succeeded');
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    await inTenant(opts.db, opts.tenantId, (trx) => saveRecord(trx, 'failed'));
    return finish('failed');
  }
}

async function firstRecord(records: AsyncGenerator<SourceRecord>): Promise<SourceRecord | null> {
  for (let next = await records.next(); !next.done; next = await records.next()) {
    if (next.value.cells.some((c) => c.trim() !== '')) return next.value;
  }
  return null;
}

/** The import's history entry, and on success its one domain event (never one per row). */
async function saveImportRecord(trx: Tx, ctx: RequestContext, r: ImportResult & { filename: string; skipBadRows: boolean; existing: boolean }): Promise<void> {
  const values = {
    entity: r.entity,
    status: r.status,
    skip_bad_rows: r.skipBadRows,
    total_rows: r.totalRows,
    processed_rows: r.totalRows,
    inserted_rows: r.insertedRows,
    bad_row_count: r.badRowCount,
    errors: JSON.stringify(r.badRows.slice(0, MAX_STORED)),
    finished_at: new Date(),
  };
  if (r.existing) {
    await trx.updateTable('imports').set(values).where('tenant_id', '=', ctx.tenantId).where('id', '=', r.importId).execute();
  } else {
    await trx.insertInto('imports').values({ ...values, id: r.importId, tenant_id: ctx.tenantId, filename: r.filename, created_by: ctx.actor.userId }).execute();
  }
  if (r.status !== 'succeeded') return;
  const counts = { entity: r.entity, filename: r.filename, totalRows: r.totalRows, insertedRows: r.insertedRows, badRows: r.badRowCount, skipBadRows: r.skipBadRows };
  await recordEvent(trx, ctx, { type: 'import.completed', entity: 'imports', entityId: r.importId, after: counts, payload: counts });
}

