// Loads what a period's roll-up is built from: the team tree, the users, the category sums per
// owner (open deals by expected close date in the period, wins by closed_at in the tenant's
// zone), the overrides and the quotas. A credibility-weighted column would be added here: one
// more sum per owner from deal-evidence's loadCredibility(), carried as one more category.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import type { Period } from './periods.ts';
import { periodInstants } from './periods.ts';
import { dealStateAt, type DealRecord } from './deal-history.ts';
import { buildRollup, zeroAmounts, type CategoryAmounts, type OverrideInput, type QuotaInput, type Rollup, type TreeTeam, type TreeUser } from './rollup.ts';

export async function loadTree(trx: Tx, tenantId: string): Promise<{ teams: TreeTeam[]; users: (TreeUser & { role: string })[] }> {
  const teams = await trx.selectFrom('teams').select(['id', 'name', 'parent_id as parentId', 'manager_id as managerId']).where('tenant_id', '=', tenantId).orderBy('name').execute();
  const users = await trx.selectFrom('users').select(['id', 'name', 'team_id as teamId', 'role']).where('tenant_id', '=', tenantId).where('role', '!=', 'portal').orderBy('name').execute();
  return { teams, users };
}

/** the team tree as a roll-up with no amounts: who is where, for scope checks */
export async function loadTreeOnly(trx: Tx, tenantId: string): Promise<Rollup> {
  return buildRollup({ ...(await loadTree(trx, tenantId)), perOwner: new Map(), overrides: [], quotas: [] });
}

export async function loadCategorySums(trx: Tx, tenantId: string, timeZone: string, period: Period): Promise<Map<string | null, CategoryAmounts>> {
  const { from, to } = await periodInstants(trx, timeZone, period);
  const sum = (cond: ReturnType<typeof sql>) => sql<string>`coalesce(sum(amount_cents) filter (where ${cond}), 0)`;
  const open = sql`stage not in ('won', 'lost') and expected_close_date between ${period.start}::date and ${period.end}::date`;
  const rows = await trx
    .selectFrom('opportunities')
    .select([
      'owner_id',
      sum(sql`${open} and forecast_category = 'pipeline'`).as('pipeline'),
      sum(sql`${open} and forecast_category = 'best_case'`).as('best_case'),
      sum(sql`${open} and forecast_category = 'commit'`).as('commit'),
      sum(sql`${open} and forecast_category = 'omitted'`).as('omitted'),
      sum(sql`stage = 'won' and closed_at >= ${from} and closed_at < ${to}`).as('closed'),
    ])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb.and([eb('stage', 'not in', ['won', 'lost']), eb('expected_close_date', '>=', period.start), eb('expected_close_date', '<=', period.end)]), eb.and([eb('stage', '=', 'won'), eb('closed_at', '>=', from), eb('closed_at', '<', to)])]))
    .groupBy('owner_id')
    .execute();
  const out = new Map<string | null, CategoryAmounts>();
  for (const r of rows) out.set(r.owner_id, { ...zeroAmounts(), pipeline: BigInt(r.pipeline), best_case: BigInt(r.best_case), commit: BigInt(r.commit), omitted: BigInt(r.omitted), closed: BigInt(r.closed) });
  return out;
}

/**
 * The same sums from the deals as they stood at `asOf` (reconstructed from the audit log), so a
 * snapshot or a past period's view shows what was known then: wins in [from, min(asOf, to)),
 * open deals at asOf by their category then and expected close date in the period.
 */
export function categorySumsAt(deals: readonly DealRecord[], period: Period, from: Date, to: Date, asOf: Date): Map<string | null, CategoryAmounts> {
  const out = new Map<string | null, CategoryAmounts>();
  const bucket = (owner: string | null) => {
    let a = out.get(owner);
    if (!a) out.set(owner, (a = zeroAmounts()));
    return a;
  };
  for (const d of deals) {
    const s = dealStateAt(d, asOf);
    if (!s) continue;
    if (!s.open) {
      if (s.stage === 'won' && s.closedAt && s.closedAt >= from && s.closedAt < to) bucket(d.ownerId).closed += d.amountCents;
      continue;
    }
    if (s.expectedCloseDate === null || s.expectedCloseDate < period.start || s.expectedCloseDate > period.end) continue;
    const c = s.forecastCategory;
    if (c === 'pipeline' || c === 'best_case' || c === 'commit' || c === 'omitted') bucket(d.ownerId)[c] += s.amountCents;
  }
  return out;
}

export async function loadOverrides(trx: Tx, tenantId: string, periodKey: string): Promise<OverrideInput[]> {
  const rows = await trx
    .selectFrom('forecast_overrides as o')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'o.set_by').onRef('u.tenant_id', '=', 'o.tenant_id'))
    .select(['o.subject_kind', 'o.subject_id', 'o.category', 'o.amount_cents', 'o.original_cents', 'o.note', 'o.set_by', 'u.name as set_by_name', 'o.updated_at'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.period_key', '=', periodKey)
    .execute();
  return rows.map((r) => ({ subjectKind: r.subject_kind as 'user' | 'team', subjectId: r.subject_id, category: r.category as 'commit' | 'best_case', amountCents: BigInt(r.amount_cents), originalCents: BigInt(r.original_cents), note: r.note, setBy: r.set_by, setByName: r.set_by_name, setAt: r.updated_at }));
}

export async function loadQuotas(trx: Tx, tenantId: string, periodKey: string): Promise<QuotaInput[]> {
  const rows = await trx.selectFrom('forecast_quotas').select(['subject_kind', 'subject_id', 'amount_cents']).where('tenant_id', '=', tenantId).where('period_key', '=', periodKey).execute();
  return rows.map((r) => ({ subjectKind: r.subject_kind as QuotaInput['subjectKind'], subjectId: r.subject_kind === 'company' ? null : r.subject_id, amountCents: BigInt(r.amount_cents) }));
}

export async function loadRollup(trx: Tx, tenantId: string, timeZone: string, period: Period, perOwner?: Map<string | null, CategoryAmounts>): Promise<Rollup> {
  const tree = await loadTree(trx, tenantId);
  return buildRollup({ ...tree, perOwner: perOwner ?? (await loadCategorySums(trx, tenantId, timeZone, period)), overrides: await loadOverrides(trx, tenantId, period.key), quotas: await loadQuotas(trx, tenantId, period.key) });
}
