// One period's forecast as the viewer may see it: the roll-up tree with overrides, quotas and
// attainment, and the neutral forecast per node; shared by the page, snapshots and exports.
import { authorize } from '../../platform/auth/policies.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { DealRecord } from './deal-history.ts';
import { keptDealRecords } from './kept-deal-records.ts';
import { keptInTimeProbabilities } from './kept-in-time-probabilities.ts';
import { categorySumsAt, loadRollup } from './forecast-data.ts';
import { credibilityWeightedByOwner, sumWeighted, type WeightedAmounts } from './credibility-weighted.ts';
import { forecastScope, type ForecastScope } from './forecast-scope.ts';
import { neutralForecast, type NeutralForecast } from './neutral-forecast.ts';
import { parsePeriod, periodInstants, type Period } from './periods.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { categories, subtreeTeams, type Rollup, type RollupNode } from './rollup.ts';

export interface ForecastView {
  period: Period;
  timeZone: string;
  asOf: Date;
  /** the period's instants [from, to) */
  from: Date;
  to: Date;
  rollup: Rollup;
  scope: ForecastScope;
  neutral: NeutralForecast;
  deals: DealRecord[];
  /** neutral forecast per node key ('company', 'team:ID', 'user:ID') */
  neutralByNode: Map<string, bigint | null>;
  /** credibility-weighted open amounts per node key; null for a past view (evidence is known only as it stands now) or when not asked for */
  weightedByNode: Map<string, WeightedAmounts> | null;
}

export const nodeKey = (n: Pick<RollupNode, 'kind' | 'id'>) => (n.kind === 'company' ? 'company' : `${n.kind}:${n.id}`);

/** The owners whose deals a node sums. */
export function ownersOf(rollup: Rollup, node: RollupNode): Set<string> {
  if (node.kind === 'user') return new Set([node.id as string]);
  if (node.kind === 'company') return new Set(rollup.users.keys());
  const out = new Set<string>();
  for (const t of subtreeTeams(rollup, node.id as string)) for (const m of rollup.teams.get(t)?.members ?? []) out.add(m);
  return out;
}

/** `weighted`: also compute the credibility-weighted amounts (only what presents or snapshots the roll-up reads them) */
export async function loadForecastView(trx: Tx, ctx: RequestContext, periodKey: string, now = new Date(), opts: { weighted?: boolean } = {}): Promise<ForecastView> {
  authorize(ctx, 'forecast', 'read');
  const period = parsePeriod(periodKey);
  const clock = await tenantClock(trx, ctx.tenantId, now);
  const { from, to } = await periodInstants(trx, clock.timeZone, period);
  const asOf = now < to ? now : new Date(to.getTime() - 1);
  const deals = await keptDealRecords(trx, ctx.tenantId);
  const rollup = await loadRollup(trx, ctx.tenantId, clock.timeZone, period, categorySumsAt(deals, period, from, to, asOf));
  const scope = forecastScope(ctx, rollup);
  const window = { start: period.start, end: period.end, from, to };
  const inTime = await keptInTimeProbabilities(trx, ctx.tenantId, deals, period.key, window, asOf);
  const neutral = neutralForecast(deals, window, asOf, clock.timeZone, { drivers: 200, inTimeProbabilities: inTime });
  const neutralByNode = new Map<string, bigint | null>();
  const learned = neutral.neutralCents !== null;
  const sumOwners = (owners: Set<string>) => [...owners].reduce((s, o) => s + (neutral.perOwner.get(o) ?? 0n), 0n);
  neutralByNode.set('company', neutral.neutralCents);
  for (const t of rollup.teams.values()) neutralByNode.set(nodeKey(t), learned ? sumOwners(ownersOf(rollup, t)) : null);
  for (const u of rollup.users.values()) neutralByNode.set(nodeKey(u), learned ? (neutral.perOwner.get(u.id) ?? 0n) : null);
  let weightedByNode: Map<string, WeightedAmounts> | null = null;
  if (opts.weighted && asOf.getTime() === now.getTime()) {
    const byOwner = await credibilityWeightedByOwner(trx, ctx.tenantId, deals, period, asOf);
    weightedByNode = new Map([['company', sumWeighted(byOwner, byOwner.keys())]]);
    for (const n of [...rollup.teams.values(), ...rollup.users.values()]) weightedByNode.set(nodeKey(n), sumWeighted(byOwner, ownersOf(rollup, n)));
  }
  return { period, timeZone: clock.timeZone, asOf, from, to, rollup, scope, neutral, deals, neutralByNode, weightedByNode };
}

const presentWeighted = (w: WeightedAmounts | null) =>
  w && { weighted: fromCents(w.weightedCents) as string, withoutEvidence: fromCents(w.withoutEvidenceCents) as string, dealsWithoutEvidence: w.withoutEvidence };

export function presentNode(view: ForecastView, node: RollupNode, canManage: boolean) {
  const amounts = (a: RollupNode['computed']) => Object.fromEntries(categories.map((c) => [c, fromCents(a[c]) as string])) as Record<(typeof categories)[number], string>;
  const override = (c: 'commit' | 'best_case') => {
    const o = node.overrides[c];
    return o ? { amount: fromCents(o.amountCents) as string, original: fromCents(o.originalCents) as string, computedNow: fromCents(node.computed[c]) as string, note: o.note, by: o.setBy ? { id: o.setBy, name: o.setByName } : null, at: o.setAt.toISOString() } : null;
  };
  return {
    key: nodeKey(node),
    kind: node.kind,
    id: node.id,
    name: node.name,
    parentId: node.parentId,
    childTeams: node.childTeams.filter((id) => view.scope.teams.has(id)),
    members: node.members.filter((id) => view.scope.users.has(id)),
    categories: amounts(node.effective),
    computed: amounts(node.computed),
    overrides: { commit: override('commit'), best_case: override('best_case') },
    quota: fromCents(node.quotaCents),
    attainment: node.attainment,
    commitForecast: fromCents(node.commitForecast) as string,
    bestCaseForecast: fromCents(node.bestCaseForecast) as string,
    neutral: fromCents(view.neutralByNode.get(nodeKey(node)) ?? null),
    credibilityWeighted: presentWeighted(view.weightedByNode?.get(nodeKey(node)) ?? null),
    canManage,
  };
}
