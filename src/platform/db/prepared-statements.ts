// Named prepared statements for every parameterised query on PostgreSQL, so the server parses
// and plans a hot query once per connection instead of once per request; and node-postgres's
// callback mode under every promise-style call, which keeps rows from outliving their request.
import type pg from 'pg';

/**
 * Measured on 1M opportunities (docs/scaling.md): an unnamed statement costs a Parse (with the
 * RLS policy rewrite) and a plan on every request, which for a list page was more than the
 * query's own execution time. Naming the statement makes PostgreSQL keep the parsed query and,
 * after five runs, reuse a plan; RLS stays correct because a cached plan is re-planned when the
 * role changes, and is re-checked after any DDL on its tables.
 *
 * Only statements with parameters are named (parameter-less text stays on the simple protocol,
 * which also carries multi-statement strings such as `begin; select set_config(…)`). At most
 * MAX_NAMED distinct texts get a name, so a backend never holds an unbounded number of plans;
 * later texts run unnamed as before.
 */
export const MAX_NAMED = 200;

const names = new Map<string, string>();

/** the statement name of a parameterised text, or undefined once MAX_NAMED texts are named */
export function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `sl${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Makes every client the pool opens name its parameterised statements while `enabled()` says so,
 * and answer promise-style calls (Kysely's) through node-postgres's callback mode with the promise
 * made here: measured on a list page, pg's own promise mode kept each page's rows alive past two
 * young-generation collections (~2 MB promoted per scavenge, pauses 4–13 ms instead of ~1 ms) and
 * cost ~0.2 ms more CPU per request.
 */
export function namePreparedStatements(pool: pg.Pool, enabled: () => boolean = () => true): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    const named: QueryFn = (config, values, callback) => {
      const custom = typeof config === 'object' && config !== null && typeof (config as { submit?: unknown }).submit === 'function';
      if (custom || typeof values === 'function') return query(config, values, callback);
      const name = typeof config === 'string' && Array.isArray(values) && values.length > 0 && enabled() ? nameFor(config) : undefined;
      const run = (done: (err: Error | null, res: unknown) => void) =>
        name ? query({ text: config, values, name }, (err: Error | null, res: unknown) => done(err && dropIfStale(client, err), res)) : query(config, values, done);
      if (typeof callback === 'function') return run(callback as (err: Error | null, res: unknown) => void);
      return new Promise((resolve, reject) => run((err, res) => (err ? reject(err) : resolve(res))));
    };
    (client as unknown as { query: QueryFn }).query = named;
  });
}

/**
 * A prepared `select *` whose table gained a column since it was prepared fails with "cached
 * plan must not change result type" (e.g. an instance still serving during a migration); the
 * connection is closed so the pool opens a fresh one and the next request works.
 */
function dropIfStale(client: pg.PoolClient, err: Error): Error {
  if (isStalePlan(err)) void client.end().catch(() => undefined);
  return err;
}

/** the error a named statement gives once its table changed shape, or once its session lost it */
export function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (e.code === '0A000' && !!e.message?.includes('cached plan')) || e.code === '26000';
}
