// Named prepared statements for every parameterised query on PostgreSQL, so the server parses
// and plans a hot query once per connection instead of once per request.
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

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `sl${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/** Makes every client the pool opens name its parameterised statements while `enabled()` says so. */
export function namePreparedStatements(pool: pg.Pool, enabled: () => boolean = () => true): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    const named: QueryFn = (config, values, callback) => {
      if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || !enabled()) return query(config, values, callback);
      const name = nameFor(config);
      if (!name) return query(config, values, callback);
      if (typeof callback === 'function') return query({ text: config, values, name }, (err: unknown, res: unknown) => (callback as QueryFn)(err && dropIfStale(client, err), res));
      return (query({ text: config, values, name }) as Promise<unknown>).catch((err: unknown) => {
        throw dropIfStale(client, err);
      });
    };
    (client as unknown as { query: QueryFn }).query = named;
  });
}

/**
 * A prepared `select *` whose table gained a column since it was prepared fails with "cached
 * plan must not change result type" (e.g. an instance still serving during a migration); the
 * connection is closed so the pool opens a fresh one and the next request works.
 */
function dropIfStale(client: pg.PoolClient, err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  if ((e.code === '0A000' && e.message?.includes('cached plan')) || e.code === '26000') void client.end().catch(() => undefined);
  return err;
}
