// The named deal warnings as pure rules: the facts of one open deal (and the tenant's stage norms
// and thresholds) in, for each kind either "fires" with its evidence, "clear", or "unknown" with
// what is missing. No database here: the loader gathers the facts, evaluate-warnings stores them.
import { fromCents } from '../../platform/money.ts';
import { findCompetitors, type CompetitorHit } from '../competitors/competitor-match.ts';
import type { Competitor } from '../competitors/competitor-list.ts';
import type { WarningSettings } from './warning-settings.ts';

export const warningKinds = ['no_activity', 'decision_maker_silent', 'stalled_in_stage', 'close_date_pushed', 'amount_cut', 'competitor_appeared'] as const;
export type WarningKind = (typeof warningKinds)[number];

export interface DealFacts {
  id: string;
  name: string;
  ownerId: string | null;
  accountId: string;
  stage: string;
  expectedCloseDate: string | null;
  amountCents: bigint;
  createdAt: Date;
  stageChangedAt: Date;
  /** the latest touch (activity) linked to the deal, not in the future */
  lastActivityAt: Date | null;
  /** the account's contacts whose decision role is decision maker */
  decisionMakers: { id: string; name: string }[];
  /** the latest touch of the account or deal that included a decision maker */
  lastDecisionMakerTouchAt: Date | null;
  /** the latest touch of the account or deal without any decision maker */
  lastOtherTouchAt: Date | null;
  /** expected-close-date changes within the push lookback, oldest first */
  closeDateChanges: { at: Date; from: string | null; to: string | null }[];
  /** amount changes within the cut lookback, oldest first */
  amountChanges: { at: Date; fromCents: bigint; toCents: bigint }[];
  /** recent touch and note texts that mention some competitor name (pre-filtered in SQL) */
  texts: { source: 'activity' | 'note'; id: string; at: Date; text: string }[];
}

/** the tenant's typical time in a stage for deals that went on to win */
export interface StageNorm {
  stage: string;
  /** won deals that passed through the stage (with a measured stay) */
  wonDeals: number;
  /** the settings' percentile of those stays, in days; null without any */
  days: number | null;
}

export interface RuleContext {
  now: Date;
  settings: WarningSettings;
  norms: ReadonlyMap<string, StageNorm>;
}

export type Evidence = Record<string, unknown>;
export type RuleOutcome =
  | { kind: WarningKind; status: 'fires'; evidence: Evidence }
  | { kind: WarningKind; status: 'clear'; evidence: Evidence }
  | { kind: WarningKind; status: 'unknown'; missing: string };

const DAY = 86_400_000;
const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY);
const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

export function noActivity(deal: DealFacts, { now, settings }: RuleContext): RuleOutcome {
  const since = deal.lastActivityAt ?? deal.createdAt;
  const days = daysBetween(since, now);
  const evidence = { lastActivityAt: isoOrNull(deal.lastActivityAt), neverTouched: deal.lastActivityAt === null, createdAt: deal.createdAt.toISOString(), daysWithoutActivity: days, thresholdDays: settings.noActivityDays };
  return { kind: 'no_activity', status: days >= settings.noActivityDays ? 'fires' : 'clear', evidence };
}

export function decisionMakerSilent(deal: DealFacts, { now, settings }: RuleContext): RuleOutcome {
  if (deal.decisionMakers.length === 0) return { kind: 'decision_maker_silent', status: 'unknown', missing: 'The account has no contact whose decision role is decision maker, so silence cannot be told. Mark the decision maker on the account.' };
  const since = deal.lastDecisionMakerTouchAt ?? deal.createdAt;
  const days = daysBetween(since, now);
  const othersContinue = deal.lastOtherTouchAt !== null && daysBetween(deal.lastOtherTouchAt, now) < settings.decisionMakerSilentDays;
  const evidence = {
    decisionMakers: deal.decisionMakers,
    lastDecisionMakerTouchAt: isoOrNull(deal.lastDecisionMakerTouchAt),
    neverTouched: deal.lastDecisionMakerTouchAt === null,
    daysSilent: days,
    otherTouchesContinue: othersContinue,
    lastOtherTouchAt: isoOrNull(deal.lastOtherTouchAt),
    thresholdDays: settings.decisionMakerSilentDays,
  };
  return { kind: 'decision_maker_silent', status: days >= settings.decisionMakerSilentDays ? 'fires' : 'clear', evidence };
}

export function stalledInStage(deal: DealFacts, { now, settings, norms }: RuleContext): RuleOutcome {
  const daysInStage = daysBetween(deal.stageChangedAt, now);
  const norm = norms.get(deal.stage);
  const enough = norm !== undefined && norm.days !== null && norm.wonDeals >= settings.stallMinWonDeals;
  const normDays = enough ? Math.ceil(norm.days as number) : settings.stallFallbackDays;
  const evidence = {
    stage: deal.stage,
    inStageSince: deal.stageChangedAt.toISOString(),
    daysInStage,
    normDays,
    basis: enough ? 'tenant_history' : 'fallback_setting',
    percentile: settings.stallPercentile,
    wonDealsInHistory: norm?.wonDeals ?? 0,
    ...(enough ? {} : { note: `Only ${norm?.wonDeals ?? 0} won deals passed through this stage (${settings.stallMinWonDeals} needed for a norm); the tenant's fallback of ${settings.stallFallbackDays} days applies.` }),
  };
  return { kind: 'stalled_in_stage', status: daysInStage > normDays ? 'fires' : 'clear', evidence };
}

export function closeDatePushed(deal: DealFacts, { settings }: RuleContext): RuleOutcome {
  const pushes = deal.closeDateChanges.filter((c) => c.from !== null && c.to !== null && c.to > c.from);
  if (deal.expectedCloseDate === null && pushes.length === 0) return { kind: 'close_date_pushed', status: 'unknown', missing: 'The deal has no expected close date to track. Set one.' };
  const daysPushed = pushes.reduce((s, c) => s + daysBetween(new Date(`${c.from}T00:00:00Z`), new Date(`${c.to}T00:00:00Z`)), 0);
  const evidence = {
    pushes: pushes.map((c) => ({ at: c.at.toISOString(), from: c.from, to: c.to })),
    pushCount: pushes.length,
    totalDaysPushed: daysPushed,
    firstDate: pushes[0]?.from ?? null,
    currentDate: deal.expectedCloseDate,
    thresholdCount: settings.closePushMinCount,
    lookbackDays: settings.closePushLookbackDays,
  };
  return { kind: 'close_date_pushed', status: pushes.length >= settings.closePushMinCount ? 'fires' : 'clear', evidence };
}

export function amountCut(deal: DealFacts, { settings }: RuleContext): RuleOutcome {
  let peak = deal.amountCents;
  let peakAt: Date | null = null;
  for (const c of deal.amountChanges) {
    if (c.fromCents > peak) {
      peak = c.fromCents;
      peakAt = c.at;
    }
  }
  const cut = peak - deal.amountCents;
  const lastCut = [...deal.amountChanges].reverse().find((c) => c.toCents < c.fromCents) ?? null;
  const pct = peak > 0n ? Number((cut * 10_000n) / peak) / 100 : 0;
  const evidence = {
    highestAmount: fromCents(peak),
    currentAmount: fromCents(deal.amountCents),
    cutAmount: fromCents(cut),
    cutPct: pct,
    highestUntil: isoOrNull(peakAt),
    lastCutAt: isoOrNull(lastCut?.at ?? null),
    thresholdPct: settings.amountCutMinPct,
    lookbackDays: settings.amountCutLookbackDays,
  };
  return { kind: 'amount_cut', status: cut > 0n && pct >= settings.amountCutMinPct ? 'fires' : 'clear', evidence };
}

export function competitorAppeared(deal: DealFacts, { settings }: RuleContext, competitors: readonly Competitor[] = settings.competitors): RuleOutcome {
  if (competitors.length === 0) return { kind: 'competitor_appeared', status: 'unknown', missing: 'The tenant has no competitor list, so none can be recognised. An admin adds competitors in the warning settings.' };
  const mentions: Array<CompetitorHit & { source: string; sourceId: string; at: string }> = [];
  for (const t of [...deal.texts].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    for (const hit of findCompetitors(t.text, competitors)) mentions.push({ ...hit, source: t.source, sourceId: t.id, at: t.at.toISOString() });
  }
  const names = [...new Set(mentions.map((m) => m.competitor))];
  const evidence = { competitors: names, mentions: mentions.slice(0, 5), mentionCount: mentions.length, lookbackDays: settings.competitorLookbackDays };
  return { kind: 'competitor_appeared', status: names.length ? 'fires' : 'clear', evidence };
}

export const rules: Record<WarningKind, (deal: DealFacts, ctx: RuleContext) => RuleOutcome> = {
  no_activity: noActivity,
  decision_maker_silent: decisionMakerSilent,
  stalled_in_stage: stalledInStage,
  close_date_pushed: closeDatePushed,
  amount_cut: amountCut,
  competitor_appeared: competitorAppeared,
};

export function evaluateDeal(deal: DealFacts, ctx: RuleContext): RuleOutcome[] {
  return warningKinds.map((kind) => rules[kind](deal, ctx));
}

/** whole days from `now` to the deal's expected close date (tenant calendar not needed at day precision), or null */
export function daysBeforeClose(expectedCloseDate: string | null, today: string): number | null {
  if (!expectedCloseDate) return null;
  return Math.round((Date.parse(`${expectedCloseDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
}
