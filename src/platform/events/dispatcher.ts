// Delivers outbox events to in-process subscribers, exactly once across instances: a batch of
// undispatched events is claimed with FOR UPDATE SKIP LOCKED, each subscriber runs in a
// savepoint scoped to the event's tenant (so what it writes or enqueues commits together with
// the "dispatched" mark), and a failing subscriber is retried later without holding up others.
import pg from 'pg';
import { sql } from 'kysely';
import type { JobDeps } from '../jobs/define-job.ts';
import type { RequestContext, Tx } from '../tenancy/context.ts';

export interface DispatchedEvent {
  id: string;
  tenantId: string;
  type: string;
  entity: string;
  entityId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** failed dispatch attempts before this one */
  previousAttempts: number;
}

export interface SubscriberScope {
  /** the dispatch transaction, bound to the event's tenant (row-level security applies) */
  trx: Tx;
  /** the system acting for the tenant, for recordEvent and services */
  ctx: RequestContext;
}

export type EventHandler = (deps: JobDeps, event: DispatchedEvent, scope: SubscriberScope) => Promise<void>;

interface Subscriber {
  id: string;
  handler: EventHandler;
}

const subscribers = new Map<string, Subscriber[]>();

/** Calls handler for every event of this type; the id (default: the function's name) records who handled what. */
export function subscribe(type: string, handler: EventHandler, opts: { id?: string } = {}): void {
  const id = opts.id ?? handler.name;
  if (!id) throw new Error(`Name the subscriber to ${type}: pass a named function or { id }.`);
  const list = subscribers.get(type) ?? [];
  if (list.some((s) => s.id === id)) throw new Error(`${type} already has a subscriber named ${id}.`);
  subscribers.set(type, [...list, { id, handler }]);
}

export interface DispatchOptions {
  batchSize?: number;
  /** first retry delay after a subscriber fails, doubled per attempt up to an hour; default 5 */
  retryBaseSeconds?: number;
  /** restrict to these tenants (tests sharing one database) */
  onlyTenants?: readonly string[];
}

export interface BatchResult {
  claimed: number;
  failed: number;
}

export const systemActor = (tenantId: string): RequestContext => ({ tenantId, actor: { userId: null, role: 'admin', teamId: null, name: 'Sightline' } });

/** Claims and dispatches one batch of due events. */
export async function dispatchBatch(deps: JobDeps, opts: DispatchOptions = {}): Promise<BatchResult> {
  const batchSize = opts.batchSize ?? 50;
  if (opts.onlyTenants?.length === 0) return { claimed: 0, failed: 0 };
  return deps.db.kysely.transaction().execute(async (trx) => {
    let claim = trx
      .selectFrom('events')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .where((eb) => eb.or([eb('dispatch_after', 'is', null), eb('dispatch_after', '<=', sql<Date>`now()`)]));
    if (opts.onlyTenants) claim = claim.where('tenant_id', 'in', opts.onlyTenants);
    const rows = await claim.orderBy('created_at').limit(batchSize).forUpdate().skipLocked().execute();

    const succeeded = new Map<string, string[]>();
    let failed = 0;
    for (const row of rows) {
      const event: DispatchedEvent = {
        id: row.id,
        tenantId: row.tenant_id,
        type: row.type,
        entity: row.entity,
        entityId: row.entity_id,
        actorId: row.actor_id,
        payload: row.payload as Record<string, unknown>,
        createdAt: row.created_at,
        previousAttempts: row.dispatch_attempts,
      };
      const pending = (subscribers.get(row.type) ?? []).filter((s) => !row.dispatched_to.includes(s.id));
      const done: string[] = [];
      const errors: string[] = [];
      for (const sub of pending) {
        const error = await runSubscriber(deps, trx, sub, event);
        if (error) errors.push(`${sub.id}: ${error}`);
        else done.push(sub.id);
      }
      if (errors.length === 0) {
        const key = done.join('\n');
        succeeded.set(key, [...(succeeded.get(key) ?? []), row.id]);
        continue;
      }
      failed++;
      const attempts = row.dispatch_attempts + 1;
      const delaySeconds = Math.min(3600, (opts.retryBaseSeconds ?? 5) * 2 ** (attempts - 1));
      await trx
        .updateTable('events')
        .set({
          dispatch_attempts: attempts,
          dispatch_error: errors.join('\n').slice(0, 4000),
          dispatch_after: sql<Date>`now() + ${delaySeconds} * interval '1 second'`,
          dispatched_to: sql<string[]>`dispatched_to || ${done}::text[]`,
        })
        .where('id', '=', row.id)
        .execute();
    }
    for (const [key, ids] of succeeded) {
      const done = key ? key.split('\n') : [];
      await trx
        .updateTable('events')
        .set({ dispatched_at: sql<Date>`now()`, dispatch_error: null, dispatched_to: sql<string[]>`dispatched_to || ${done}::text[]` })
        .where('id', 'in', ids)
        .execute();
    }
    return { claimed: rows.length, failed };
  });
}

/** Runs one subscriber in a savepoint as the tenant; returns its error message, or null. */
async function runSubscriber(deps: JobDeps, trx: Tx, sub: Subscriber, event: DispatchedEvent): Promise<string | null> {
  await sql`savepoint dispatch_subscriber`.execute(trx);
  let error: string | null = null;
  try {
    await sql`select set_config('app.tenant_id', ${event.tenantId}, true), set_config('role', 'sightline_app', true)`.execute(trx);
    await sub.handler(deps, event, { trx, ctx: systemActor(event.tenantId) });
    await sql`release savepoint dispatch_subscriber`.execute(trx);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    await sql`rollback to savepoint dispatch_subscriber`.execute(trx);
  }
  await sql`set local role none`.execute(trx);
  await sql`select set_config('app.tenant_id', '', true)`.execute(trx);
  return error;
}

export interface DispatcherLoopOptions extends DispatchOptions {
  /** how often to look for events when nothing woke the loop; default 200 ms on PGlite, 1 s on PostgreSQL (which also notifies) */
  pollMs?: number;
  log(message: string, err: unknown): void;
}

export interface Dispatcher {
  /** look for events now */
  wake(): void;
  stop(): Promise<void>;
}

/** Dispatches continuously: woken by PostgreSQL notifications after each write, and by a short poll. */
export async function startDispatcher(deps: JobDeps, opts: DispatcherLoopOptions): Promise<Dispatcher> {
  const pollMs = opts.pollMs ?? (deps.db.kind === 'pglite' ? 200 : 1000);
  let stopped = false;
  let woken = false;
  let release: (() => void) | undefined;
  const wake = () => {
    woken = true;
    release?.();
  };
  const pause = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(resolve, pollMs);
      release = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // PGlite's socket does not pass notifications between connections; the poll covers it.
  let listener: pg.Client | undefined;
  if (deps.db.kind === 'postgres') {
    listener = new pg.Client({ connectionString: deps.db.connectionString, application_name: 'sightline-dispatch' });
    listener.on('notification', wake);
    listener.on('error', (err) => opts.log('event dispatch lost its notification connection; polling instead', err));
    await listener.connect();
    await listener.query('listen sightline_events');
  }

  const loop = async () => {
    while (!stopped) {
      woken = false;
      try {
        const { claimed } = await dispatchBatch(deps, opts);
        if (claimed === (opts.batchSize ?? 50)) continue;
      } catch (err) {
        opts.log('event dispatch failed; retrying', err);
      }
      await pause();
      release = undefined;
    }
  };
  const running = loop();
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await running;
      await listener?.end().catch(() => undefined);
    },
  };
}
