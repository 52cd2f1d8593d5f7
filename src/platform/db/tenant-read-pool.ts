// Tenant-scoped reads that need no transaction, on a few pipelined connections: each statement is
// sent at once behind the ones in flight, its tenant set in the same breath when it differs, so a
// list page is one statement and PostgreSQL backends stay busy instead of sleeping between them.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { UUID_RE } from '../ids.ts';
import { isStalePlan, nameFor } from './prepared-statements.ts';
import { timestamptzToIso } from './parse-timestamptz.ts';

/**
 * Measured on 1M opportunities (docs/scaling.md §6):
 * - of a list request's three round trips two were the transaction around it (begin + settings,
 *   commit). A read of one statement needs no transaction, so these sessions are set once to
 *   `role sightline_app` and `default_transaction_read_only` (a write through them fails instead
 *   of committing piecemeal), and `app.tenant_id` is a session setting, sent only when a
 *   statement is for another tenant than the one before it on that connection. Row-level security
 *   applies exactly as inside inTenant.
 * - one connection per request in flight left every backend asleep between statements, and on
 *   this 2-core VM waking it cost more CPU than the query (writev to a sleeping backend ~0.2 ms);
 *   node-postgres's pipeline mode writes each statement behind those in flight, so a few backends
 *   answer them back to back (PostgreSQL CPU per list request −25%).
 *
 * The order on a connection is the order of execution, so "set the tenant, then the statement"
 * written together cannot interleave with another request's. A statement is read-only and alone
 * (no transaction control), so one failing does not affect the others.
 *
 * Needs session state, so it is used only against a real PostgreSQL reached directly or through a
 * session-mode pooler (SIGHTLINE_POOLER=transaction turns it off), never on PGlite, whose socket
 * connections share one session.
 */
const requestTenant = new AsyncLocalStorage<string>();

/** connections per process: enough for PostgreSQL to use every core, few enough that each stays busy */
export const READ_LANES = 4;

/**
 * Rows read here go only to presenters, which turn every timestamp into its ISO string anyway, so
 * timestamptz arrives as that string and no Date is made and formatted back (~10% of a list
 * request's CPU). A use case reading through readInTenant must therefore take timestamps as
 * `Date | string` (presenters' `iso()` does).
 */
const TIMESTAMPTZ: number = pg.types.builtins.TIMESTAMPTZ;
const readTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ && format !== 'binary' ? timestamptzToIso : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
};

/** statements that would change the shared session for everyone pipelined behind them */
const SESSION_CHANGING = /^\s*(begin|start|commit|end|rollback|abort|savepoint|release|prepare|set|reset|discard|listen|unlisten|declare|lock)\b|\bset_config\s*\(/i;

type Done = (err: Error | null, res?: pg.QueryResult) => void;

/** sessions whose tenant could not be set: whatever was pipelined behind that is refused */
const poisoned = new WeakSet<pg.Client>();

/** One pipelined connection; what Kysely's driver takes for a pool client. */
class ReadLane {
  inFlight = 0;
  private client: pg.Client | null = null;
  private opening: Promise<pg.Client> | null = null;
  /** the tenant the session will have when the next written statement runs */
  private tenant: string | null = null;
  /** statements are being held for one write (holdWrites) */
  private held = false;

  constructor(private readonly connectionString: string) {}

  /** Kysely's driver calls this with the compiled SQL and its parameters. */
  async query(text: unknown, values?: unknown[]): Promise<pg.QueryResult> {
    const tenantId = requestTenant.getStore();
    if (!tenantId || !UUID_RE.test(tenantId)) throw new Error('tenant read pool: used outside readInTenant');
    if (typeof text !== 'string') throw new Error('tenant read pool: streaming and custom queries are not supported on the read path');
    if (SESSION_CHANGING.test(text)) throw new Error('tenant read pool: one read-only statement at a time, no transactions or session changes (use inTenant)');
    this.inFlight++;
    try {
      let client = await this.open();
      while (client !== this.client) client = await this.open(); // closed while we waited
      return await new Promise<pg.QueryResult>((resolve, reject) => this.send(client, tenantId, text, values ?? [], (err, res) => (err ? reject(err) : resolve(res as pg.QueryResult))));
    } finally {
      this.inFlight--;
    }
  }

  release(): void {
    // a lane is shared: nothing to give back
  }

  async end(): Promise<void> {
    const client = this.client ?? (await this.opening?.catch(() => null));
    this.forget(client);
    await client?.end().catch(() => undefined);
  }

  /** Writes the tenant (when it changes) and the statement together, so nothing can come between them. */
  private send(client: pg.Client, tenantId: string, text: string, values: unknown[], done: Done): void {
    this.holdWrites(client);
    if (this.tenant !== tenantId) {
      this.tenant = tenantId;
      // simple protocol; the id is checked to be a UUID above
      client.query(`select set_config('app.tenant_id', '${tenantId}', false)`, (err: Error | null) => {
        if (!err) return;
        // the statements behind it would run under the previous tenant: refuse them and close the session
        poisoned.add(client);
        this.forget(client);
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      });
    }
    const name = values.length ? nameFor(text) : undefined;
    client.query(name ? { text, values, name } : { text, values }, (err: Error | null, res: pg.QueryResult) => {
      if (err && isStalePlan(err)) {
        // the table changed shape under a named statement: a new session prepares it afresh
        this.forget(client);
        void client.end().catch(() => undefined);
      }
      if (!err && poisoned.has(client)) return done(new Error('tenant read pool: the connection failed; try again'));
      done(err, res);
    });
  }

  /**
   * Holds this turn's statements in the socket's buffer and writes them in one system call after
   * the event loop's I/O phase: every request read in that phase shares the write (a write to
   * PostgreSQL's socket was ~13% of a list request's CPU).
   */
  private holdWrites(client: pg.Client): void {
    if (this.held) return;
    const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
    stream.cork();
    this.held = true;
    setImmediate(() => {
      this.held = false;
      stream.uncork();
    });
  }

  private open(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.opening ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, types: readTypes, pipeline: true });
      client.on('error', () => this.forget(client));
      client.on('end', () => this.forget(client));
      try {
        await client.connect();
        await client.query('set role sightline_app; set default_transaction_read_only = on');
      } catch (err) {
        await client.end().catch(() => undefined);
        throw err;
      } finally {
        this.opening = null;
      }
      this.client = client;
      this.tenant = null;
      return client;
    })();
    return this.opening;
  }

  /** Stops handing out this session; the next statement opens a new one. */
  private forget(client: pg.Client | null | undefined): void {
    if (!client || this.client !== client) return;
    this.client = null;
    this.tenant = null;
  }
}

/** The lanes as the pool Kysely's PostgresDialect expects: connect() hands out the least busy one. */
class ReadLanes {
  private readonly lanes: ReadLane[];

  constructor(connectionString: string, count: number) {
    this.lanes = Array.from({ length: count }, () => new ReadLane(connectionString));
  }

  connect(): Promise<ReadLane> {
    let best = this.lanes[0];
    for (const lane of this.lanes) if (lane.inFlight < best.inFlight) best = lane;
    return Promise.resolve(best);
  }

  async end(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.end()));
  }
}

export function openTenantReadPool(connectionString: string, lanes = READ_LANES): Kysely<Database> {
  const pool = new ReadLanes(connectionString, lanes) as unknown as pg.Pool;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs fn with the read pool's connections bound to the tenant. */
export function withRequestTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  return requestTenant.run(tenantId, fn);
}
