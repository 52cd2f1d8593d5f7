// The jobs runtime one app instance runs: pg-boss on the app's database (PostgreSQL, or PGlite
// through its socket), a worker for every defined job, the minute tick that queues tenant
// schedules, and the outbox event dispatcher. Any number of instances may run it at once.
import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import type { AppDeps } from '../http/deps.ts';
import { definedJobs, type JobDeps, type JobQueue } from './define-job.ts';
import { runScheduleTick, type TickOptions, type TickResult } from './tenant-schedules.ts';
import { startDispatcher, type Dispatcher, type DispatchOptions } from '../events/dispatcher.ts';

const TICK_QUEUE = 'sightline.schedule-tick';

export interface JobsOptions {
  /** how often idle workers look for jobs (pg-boss minimum 0.5); default 1 */
  pollingIntervalSeconds?: number;
  /** queue tenant schedules from a once-a-minute pg-boss cron; default true (tests tick by hand) */
  tickEveryMinute?: boolean;
  /** run the outbox dispatcher; default true */
  dispatch?: boolean;
  dispatchOptions?: DispatchOptions & { pollMs?: number };
  /** restrict schedules and dispatch to these tenants (tests sharing one database) */
  onlyTenants?: readonly string[];
  log?: (message: string, err: unknown) => void;
}

export interface JobsRuntime extends JobQueue {
  deps: JobDeps;
  /** queues the tenant-schedule runs due at `now` (the minute cron calls it with the clock) */
  tick(now: Date, opts?: TickOptions): Promise<TickResult>;
  dispatcher: Dispatcher | null;
  /** milliseconds from constructing pg-boss to every worker listening */
  startupMs: number;
  stop(): Promise<void>;
}

const defaultLog = (message: string, err: unknown) => console.error(`sightline jobs: ${message}:`, err);

export async function startJobs(app: AppDeps, opts: JobsOptions = {}): Promise<JobsRuntime> {
  const started = performance.now();
  const log = opts.log ?? defaultLog;
  const boss = new PgBoss({
    connectionString: app.db.connectionString,
    application_name: 'sightline-jobs',
    max: app.db.kind === 'pglite' ? 4 : 8,
    schedule: opts.tickEveryMinute ?? true,
  });
  boss.on('error', (err) => log('pg-boss reported an error', err));
  await boss.start();
  try {
    return await startOnBoss(app, boss, opts, log, started);
  } catch (err) {
    await boss.stop({ graceful: false, wait: true });
    throw err;
  }
}

async function startOnBoss(app: AppDeps, boss: PgBoss, opts: JobsOptions, log: (message: string, err: unknown) => void, started: number): Promise<JobsRuntime> {

  const queues = new Set<string>();
  const workerIds = new Map<string, string>();
  const queue: JobQueue = {
    boss,
    hasQueue: (name) => queues.has(name),
    wake(name) {
      const id = workerIds.get(name);
      if (id) boss.notifyWorker(id);
    },
  };
  const deps: JobDeps = { ...app, jobs: queue };
  const tick = (now: Date, tickOpts?: TickOptions) => runScheduleTick(deps, now, { onlyTenants: opts.onlyTenants, ...tickOpts });

  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 1;
  const tickEveryMinute = opts.tickEveryMinute ?? true;
  await ensureQueues(app, boss, [...definedJobs().map((d) => d.id), ...(tickEveryMinute ? [TICK_QUEUE] : [])]);
  for (const def of definedJobs()) {
    queues.add(def.id);
    const workerId = await boss.work<object>(def.id, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
      try {
        await def.handler(deps, def.payload.parse(job.data));
      } finally {
        // pg-boss pauses a polling interval after every fetch; a worker that found work looks again at once
        queue.wake(def.id);
      }
    });
    workerIds.set(def.id, workerId);
  }

  if (tickEveryMinute) {
    await boss.schedule(TICK_QUEUE, '* * * * *', {}, { tz: 'UTC', retryLimit: 0 });
    await boss.work(TICK_QUEUE, { pollingIntervalSeconds }, async () => {
      const { invalidZones } = await tick(new Date());
      if (invalidZones.length) log('some tenants have an unknown time zone; their schedules did not fire', invalidZones);
    });
  }

  const dispatcher = (opts.dispatch ?? true) ? await startDispatcher(deps, { ...opts.dispatchOptions, onlyTenants: opts.onlyTenants, log }) : null;
  return {
    ...queue,
    deps,
    tick,
    dispatcher,
    startupMs: Math.round(performance.now() - started),
    async stop() {
      await dispatcher?.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * Creates the missing queues one instance at a time: pg-boss attaches a partition per queue,
 * and two instances starting together deadlock on it without this lock.
 */
async function ensureQueues(app: AppDeps, boss: PgBoss, names: string[]): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const missing = names.filter((n) => !existing.has(n));
  if (missing.length === 0) return;
  // PGlite is one process (no second instance), and its socket serves only the connection that
  // holds an open transaction, so a lock held here would starve pg-boss's own connections
  if (app.db.kind === 'pglite') {
    for (const name of missing) await boss.createQueue(name);
    return;
  }
  // a transaction-scoped lock, held while pg-boss creates the queues on its own connections,
  // so it also works behind PgBouncer in transaction mode
  await app.db.kysely.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7301945)`.execute(trx);
    for (const name of missing) await boss.createQueue(name);
  });
}
