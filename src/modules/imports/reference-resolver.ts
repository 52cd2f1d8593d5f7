// Resolves the records a row names — owner by email, account or opportunity by name or id —
// with one query per batch for what is not yet known, and an in-memory cache across batches.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { UUID_RE } from '../../platform/ids.ts';
import type { Lookup } from './data-entities.ts';

export type Resolved = { ok: true; id: string } | { ok: false; message: string };

/** Past this many cached names per table the cache starts over, so memory stays flat. */
const CACHE_LIMIT = 200_000;

export class ReferenceResolver {
  /** per table: lower-cased id, name or email → the ids it names ([] = none) */
  private readonly cache = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly trx: Tx,
    private readonly tenantId: string,
  ) {}

  /** Looks up, in one query per table, every value not cached yet. */
  async prefetch(wanted: Array<{ lookup: Lookup; value: string }>): Promise<void> {
    for (const map of this.cache.values()) if (map.size > CACHE_LIMIT) map.clear();
    const byTable = new Map<Lookup, Set<string>>();
    for (const { lookup, value } of wanted) {
      if (this.known(lookup).has(keyOf(lookup, value))) continue;
      let set = byTable.get(lookup);
      if (!set) byTable.set(lookup, (set = new Set()));
      set.add(value);
    }
    for (const [lookup, values] of byTable) await this.fetch(lookup, [...values]);
  }

  resolve(lookup: Lookup, value: string): Resolved {
    const ids = this.known(lookup).get(keyOf(lookup, value));
    if (ids === undefined) throw new Error(`resolve() before prefetch() for ${lookup.table} "${value}"`);
    if (ids.length === 1) return { ok: true, id: ids[0] };
    if (ids.length === 0) {
      const what = UUID_RE.test(value) ? 'id' : lookup.by;
      return { ok: false, message: `no ${lookup.label} with ${what} "${value}" in this workspace` };
    }
    return { ok: false, message: `"${value}" matches ${ids.length} ${lookup.label} records; give the ${lookup.label} id instead` };
  }

  private known(lookup: Lookup): Map<string, string[]> {
    let map = this.cache.get(lookup.table);
    if (!map) this.cache.set(lookup.table, (map = new Map<string, string[]>()));
    return map;
  }

  private async fetch(lookup: Lookup, values: string[]): Promise<void> {
    const ids = values.filter((v) => UUID_RE.test(v)).map((v) => v.toLowerCase());
    const names = values.filter((v) => !UUID_RE.test(v)).map((v) => keyOf(lookup, v));
    const column = lookup.by === 'email' ? sql`lower(email)` : sql.ref(lookup.by);
    const { rows } = await sql<{ id: string; label: string }>`
      select id, ${column} as label from ${sql.table(lookup.table)}
      where tenant_id = ${this.tenantId} and (id = any(${ids}::uuid[]) or ${column} = any(${names}::text[]))
    `.execute(this.trx);
    const map = this.known(lookup);
    for (const v of values) map.set(keyOf(lookup, v), []);
    for (const row of rows) {
      map.get(row.id)?.push(row.id);
      const byLabel = map.get(row.label);
      if (byLabel && !byLabel.includes(row.id)) byLabel.push(row.id);
    }
  }
}

/** Ids and emails compare without case; names exactly. */
function keyOf(lookup: Lookup, value: string): string {
  return UUID_RE.test(value) || lookup.by === 'email' ? value.toLowerCase() : value;
}
