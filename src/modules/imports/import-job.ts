// The background job behind an upload import: streams the stored file through runImport,
// writes progress to the imports row as it goes, and records a failure the user can read.
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.ts';
import { inTenant, type Role } from '../../platform/tenancy/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { runImport, type ImportProgress } from './run-import.ts';

const PROGRESS_EVERY_MS = 500;

export const importJob = defineJob({
  id: 'imports.run',
  retryLimit: 0, // an import is all-or-nothing and reports its own failure; never run it twice
  payload: z.object({
    importId: z.uuid(),
    tenantId: z.uuid(),
    userId: z.uuid(),
    entity: z.string(),
    filename: z.string(),
    storageKey: z.string(),
    totalBytes: z.number().int().nonnegative(),
    skipBadRows: z.boolean(),
    mapping: z.record(z.string(), z.string()),
  }),
  handler: (deps, p) => runUploadedImport(deps, p),
});

export async function runUploadedImport(
  deps: AppDeps,
  p: { importId: string; tenantId: string; userId: string; entity: string; filename: string; storageKey: string; totalBytes: number; skipBadRows: boolean; mapping: Record<string, string> },
): Promise<void> {
  const db = deps.db.kysely;
  const user = await inTenant(db, p.tenantId, (trx) => trx.selectFrom('users').select(['id', 'role', 'team_id', 'name', 'active']).where('id', '=', p.userId).executeTakeFirst());
  await inTenant(db, p.tenantId, (trx) => trx.updateTable('imports').set({ status: 'running' }).where('id', '=', p.importId).execute());

  // progress goes through its own short transactions so the poller sees it while the import's
  // own transaction is still open; updates are chained so they never overlap
  let last = 0;
  let progressWrite: Promise<unknown> = Promise.resolve();
  const onProgress = (pr: ImportProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    progressWrite = progressWrite.then(() =>
      inTenant(db, p.tenantId, (trx) =>
        trx.updateTable('imports').set({ processed_rows: pr.rowsProcessed, bytes_read: pr.bytesRead }).where('id', '=', p.importId).where('status', '=', 'running').execute(),
      ).catch(() => undefined),
    );
  };
  try {
    if (!user?.active) throw new AppError('forbidden', 'The user who uploaded this file is no longer active.');
    await runImport({
      db,
      tenantId: p.tenantId,
      actor: { userId: user.id, role: user.role as Role, teamId: user.team_id, name: user.name },
      entity: p.entity,
      stream: deps.files.get(p.storageKey),
      filename: p.filename,
      totalBytes: p.totalBytes,
      mapping: p.mapping,
      skipBadRows: p.skipBadRows,
      importId: p.importId,
      onProgress,
    });
    await progressWrite;
  } catch (err) {
    await progressWrite;
    const message = err instanceof AppError ? err.message : 'The import stopped because of a server error. Nothing was loaded; try again, and tell your admin if it happens again.';
    await inTenant(db, p.tenantId, (trx) =>
      trx.updateTable('imports').set({ status: 'failed', finished_at: new Date(), errors: JSON.stringify([{ line: 0, message }]) }).where('id', '=', p.importId).execute(),
    );
    if (!(err instanceof AppError)) throw err;
  } finally {
    await deps.files.remove(p.storageKey);
  }
}
