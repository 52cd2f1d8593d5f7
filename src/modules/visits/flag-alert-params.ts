// The facts a visit-flag alert is worded from in each reader's language: which rule, whose visit,
// at which account, checked in when (the web app words them; see alert-messages.ts).
import type { Tx } from '../../platform/tenancy/context.ts';

type FlagAlertParams = Record<string, string | null>;

/** per flag id: its rule, the rep's and the account's names and the visit's check-in instant (null when not found) */
export async function flagAlertParams(trx: Tx, tenantId: string, flagIds: readonly string[]): Promise<Map<string, FlagAlertParams>> {
  if (flagIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('visit_flags as f')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'f.owner_id').onRef('u.tenant_id', '=', 'f.tenant_id'))
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 'f.account_id').onRef('a.tenant_id', '=', 'f.tenant_id'))
    .leftJoin('visits as v', (j) => j.onRef('v.id', '=', 'f.visit_id').onRef('v.tenant_id', '=', 'f.tenant_id'))
    .select(['f.id', 'f.rule', 'u.name as rep_name', 'a.name as account_name', 'v.in_at'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.id', 'in', flagIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { rule: r.rule, repName: r.rep_name, accountName: r.account_name, checkinAt: r.in_at ? r.in_at.toISOString() : null }]));
}
