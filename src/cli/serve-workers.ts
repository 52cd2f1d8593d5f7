// `sightline serve --workers N` on PostgreSQL: one primary prepares the database once, then forks
// N stateless app instances that share the port (node:cluster), so one machine's cores all serve.
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { Config } from '../platform/config.ts';
import { openDb, makeDeps } from '../app.ts';
import { migrate } from '../platform/db/migrate.ts';
import { onFirstStart } from './first-start.ts';

/**
 * How many app processes to run: `--workers` or SIGHTLINE_WORKERS, where `auto` means one per
 * CPU core. 1 (the default) is the plain single process. Only PostgreSQL can be shared by
 * processes: the embedded PGlite lives inside one, so it refuses more.
 */
export function workerCount(option: string | undefined, config: Config): number {
  const raw = option ?? process.env.SIGHTLINE_WORKERS ?? '1';
  const n = raw === 'auto' ? os.availableParallelism() : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--workers / SIGHTLINE_WORKERS must be a number from 1 to 64 or "auto", got "${raw}"`);
  if (n > 1 && !config.databaseUrl) throw new Error('--workers needs DATABASE_URL: the embedded PGlite database belongs to one process. Unset SIGHTLINE_WORKERS or point DATABASE_URL at PostgreSQL.');
  return n;
}

/**
 * A list page allocates 25 KB of JSON and a few hundred objects, and with 32 requests in flight
 * V8's default 16 MB young generation is scavenged every few dozen requests, copying every
 * in-flight request's objects each time. Measured under load (docs/scaling.md §6): garbage
 * collection fell from 17% of a worker's CPU to 14% at 32 MB and 13% at 64 MB. A flag given in
 * NODE_OPTIONS or on the command line wins.
 */
const YOUNG_GENERATION = '--max-semi-space-size=64';
const workerExecArgv = () =>
  [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-semi-space-size')) ? process.execArgv : [...process.execArgv, YOUNG_GENERATION];

/**
 * The primary: runs the migrations and the first-start seed exactly once, before any worker
 * exists, then forks the workers and restarts one that dies. Each worker is a complete instance
 * (HTTP, jobs, event dispatch); pg-boss and the outbox make background work run once across them.
 */
export async function runPrimary(config: Config, opts: { workers: number; seed: boolean }): Promise<void> {
  const db = await openDb(config);
  try {
    await migrate(db.pool);
    if (opts.seed) await onFirstStart(makeDeps(db, config));
  } finally {
    await db.close();
  }

  cluster.setupPrimary({ execArgv: workerExecArgv() });
  let stopping = false;
  let listening = 0;
  const served = new Set<Worker>();
  const fork = () => cluster.fork({ SIGHTLINE_WORKER: '1' });
  cluster.on('listening', (worker) => {
    served.add(worker);
    console.log(`worker ${worker.id} (pid ${worker.process.pid}) listening`);
    if (++listening === opts.workers) console.log(`Sightline is running at http://localhost:${config.port} (database: PostgreSQL, ${opts.workers} workers)`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.id} (pid ${worker.process.pid}) exited (${signal ?? code})`);
    // one that never got to listen would only fail again (a taken port, a bad setting): stop
    if (!served.delete(worker)) {
      console.error('sightline: a worker stopped before it could serve; stopping the server (see the error above).');
      void stop(1);
      return;
    }
    fork();
  });
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  for (let i = 0; i < opts.workers; i++) fork();
}

/** True in a process forked by runPrimary: the database is already migrated and seeded. */
export const isServeWorker = () => cluster.isWorker && process.env.SIGHTLINE_WORKER === '1';
