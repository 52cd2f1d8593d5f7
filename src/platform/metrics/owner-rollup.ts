// "Per rep and team": metrics aggregate per owner in SQL, and this rolls those few rows up to
// the rep or the rep's team, with names. Records with no owner form their own group (id null).
import { z } from 'zod';
import type { Tx } from '../tenancy/context.ts';

export const groupBySchema = z.enum(['rep', 'team']);
export type GroupBy = z.output<typeof groupBySchema>;

export type OwnerRow<K extends string> = { ownerId: string | null } & Record<K, bigint>;
export type GroupRow<K extends string> = { id: string | null; name: string | null } & Record<K, bigint>;

export async function rollUpByOwner<K extends string>(trx: Tx, tenantId: string, rows: OwnerRow<K>[], groupBy: GroupBy, fields: readonly K[]): Promise<GroupRow<K>[]> {
  const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => id !== null))];
  const users = ownerIds.length
    ? await trx
        .selectFrom('users as u')
        .leftJoin('teams as t', (j) => j.onRef('t.id', '=', 'u.team_id').onRef('t.tenant_id', '=', 'u.tenant_id'))
        .select(['u.id', 'u.name', 'u.team_id', 't.name as team_name'])
        .where('u.tenant_id', '=', tenantId)
        .where('u.id', 'in', ownerIds)
        .execute()
    : [];
  const byUser = new Map(users.map((u) => [u.id, u]));
  const groups = new Map<string, GroupRow<K>>();
  for (const row of rows) {
    const user = row.ownerId ? byUser.get(row.ownerId) : undefined;
    const id = groupBy === 'rep' ? (user?.id ?? null) : (user?.team_id ?? null);
    const name = groupBy === 'rep' ? (user?.name ?? null) : (user?.team_name ?? null);
    const key = id ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { id, name, ...Object.fromEntries(fields.map((f) => [f, 0n])) } as GroupRow<K>;
      groups.set(key, group);
    }
    for (const f of fields) (group as Record<K, bigint>)[f] += row[f];
  }
  return [...groups.values()].sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'zh-CN') || (a.id ?? '').localeCompare(b.id ?? ''));
}

/** a share of two counts, rounded to 4 places; null when there is nothing to share (missing is not zero) */
export const share = (part: bigint, whole: bigint): number | null => (whole === 0n ? null : Math.round((Number(part) / Number(whole)) * 10_000) / 10_000);
