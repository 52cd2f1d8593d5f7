// The win model's inputs for one deal as of one moment, computed from its loaded CRM history:
// pure (no database), and blind to anything after the moment, so a closed deal's training row
// cannot know how it ended. Missing inputs stay null (the trees give them their own bin).
import { mentionsCompetitor } from '../competitors/competitor-match.ts';
import type { Competitor } from '../competitors/competitor-list.ts';

export const OPEN_STAGE_ORDER = ['lead', 'qualified', 'solution', 'quoted', 'negotiation'] as const;
const DAY = 86_400_000;

/** one audit entry of the deal or a contact: a stage move or a field edit, with before/after images */
export interface ChangeEntry {
  at: Date;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface TouchRecord {
  at: Date;
  type: string;
  text: string;
  mood: string | null;
  contactIds: string[];
}

export interface ContactRecord {
  id: string;
  createdAt: Date;
  /** the role now; earlier roles are read back from `changes` */
  decisionRole: string | null;
  changes: ChangeEntry[];
}

export interface OrderLineRecord {
  createdAt: Date;
  category: string | null;
  totalCents: number;
}

export interface AnnotationRecord {
  at: Date;
  category: string;
  direction: string;
}

export interface DealRecord {
  id: string;
  ownerId: string | null;
  createdAt: Date;
  /** the current stage; the stage at an earlier moment comes from the stage moves */
  stage: string;
  amountCents: number;
  expectedCloseDate: string | null;
  closedAt: Date | null;
  industry: string | null;
  size: string | null;
  billingModel: string | null;
  region: string | null;
}

export interface DealHistory {
  deal: DealRecord;
  /** the deal's audit entries, oldest first */
  changes: ChangeEntry[];
  touches: TouchRecord[];
  notes: { at: Date; text: string }[];
  contacts: ContactRecord[];
  lines: OrderLineRecord[];
  annotations: AnnotationRecord[];
}

export interface OwnerRecord {
  hiredOn: Date | null;
  /** the owner's closed deals (any), to compute a win rate from those closed before the moment */
  closed: { closedAt: Date; won: boolean }[];
}

export interface FeatureContext {
  owners: Map<string, OwnerRecord>;
  /** the tenant's competitors (texts naming none of them may still say 竞品, 友商...) */
  competitors: Competitor[];
}

export type FeatureValue = number | string | null;
export type FeatureVector = Record<FeatureName, FeatureValue>;

export const FEATURES = [
  { name: 'stage_rank', kind: 'numeric' },
  { name: 'days_in_stage', kind: 'numeric' },
  { name: 'deal_age_days', kind: 'numeric' },
  { name: 'stage_changes', kind: 'numeric' },
  { name: 'step_backs', kind: 'numeric' },
  { name: 'touches_30d', kind: 'numeric' },
  { name: 'touches_prev_30d', kind: 'numeric' },
  { name: 'touch_trend', kind: 'numeric' },
  { name: 'days_since_last_touch', kind: 'numeric' },
  { name: 'mood_30d', kind: 'numeric' },
  { name: 'decision_maker_identified', kind: 'numeric' },
  { name: 'decision_maker_touches_30d', kind: 'numeric' },
  { name: 'decision_chain_changes', kind: 'numeric' },
  { name: 'amount_changes', kind: 'numeric' },
  { name: 'amount_change_pct', kind: 'numeric' },
  { name: 'close_date_pushes', kind: 'numeric' },
  { name: 'days_to_expected_close', kind: 'numeric' },
  { name: 'competitor_mentions', kind: 'numeric' },
  { name: 'amount_yuan', kind: 'numeric' },
  { name: 'owner_tenure_days', kind: 'numeric' },
  { name: 'owner_win_rate', kind: 'numeric' },
  { name: 'owner_closed_deals', kind: 'numeric' },
  { name: 'industry', kind: 'categorical' },
  { name: 'size', kind: 'categorical' },
  { name: 'billing_model', kind: 'categorical' },
  { name: 'region', kind: 'categorical' },
  { name: 'product_category', kind: 'categorical' },
  { name: 'annotation_category', kind: 'categorical' },
  { name: 'annotation_direction', kind: 'categorical' },
] as const;
export type FeatureName = (typeof FEATURES)[number]['name'];

/** an owner's win rate is only a fact once they have closed this many deals */
export const MIN_OWNER_CLOSED = 3;

const days = (ms: number) => Math.round((ms / DAY) * 10) / 10;
const isStageMove = (c: ChangeEntry) => c.action === 'opportunity.stage_changed';
const stageOf = (image: Record<string, unknown> | null) => (typeof image?.stage === 'string' ? image.stage : null);
const rankOf = (stage: string | null) => (stage === null ? -1 : (OPEN_STAGE_ORDER as readonly string[]).indexOf(stage));
const has = (image: Record<string, unknown> | null, key: string) => image !== null && Object.prototype.hasOwnProperty.call(image, key);

/** The stage at `asOf`: the last move's target before it, or the first later move's origin, or (without moves) today's stage. */
export function stageAt(history: DealHistory, asOf: Date): string | null {
  const moves = history.changes.filter(isStageMove);
  const before = moves.filter((m) => m.at <= asOf);
  if (before.length) return stageOf(before[before.length - 1].after);
  const later = moves.find((m) => m.at > asOf);
  if (later) return stageOf(later.before);
  return history.deal.closedAt ? null : history.deal.stage;
}

/** A field's value at `asOf`: the `before` image of the first edit after it, else the value now. */
function fieldAt<T>(history: DealHistory, key: string, asOf: Date, now: T, parse: (v: unknown) => T): T {
  const later = history.changes.find((c) => c.at > asOf && c.action === 'opportunity.updated' && has(c.before, key));
  return later ? parse((later.before as Record<string, unknown>)[key]) : now;
}

const yuanToCents = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? Math.round(Number(v) * 100) : NaN);
const dateOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

function roleAt(contact: ContactRecord, asOf: Date): string | null {
  const later = contact.changes.find((c) => c.at > asOf && has(c.before, 'decisionRole'));
  if (later) return (later.before as Record<string, unknown>).decisionRole as string | null;
  return contact.decisionRole;
}

const MOOD_VALUE: Record<string, number> = { positive: 1, neutral: 0, hesitant: -0.5, negative: -1 };

export function dealFeatures(history: DealHistory, asOf: Date, context: FeatureContext): FeatureVector {
  const { deal } = history;
  const t = asOf.getTime();
  const moves = history.changes.filter((c) => isStageMove(c) && c.at <= asOf);
  const stage = stageAt(history, asOf);
  const lastMove = moves.length ? moves[moves.length - 1].at : deal.createdAt;
  const stepBacks = moves.filter((m) => {
    const from = rankOf(stageOf(m.before));
    const to = rankOf(stageOf(m.after));
    return from >= 0 && to >= 0 && to < from;
  }).length;

  const touches = history.touches.filter((x) => x.at <= asOf);
  const inWindow = (from: number, to: number) => touches.filter((x) => x.at.getTime() > t - to * DAY && x.at.getTime() <= t - from * DAY);
  const last30 = inWindow(0, 30);
  const prev30 = inWindow(30, 60);
  const lastTouch = touches.length ? Math.max(...touches.map((x) => x.at.getTime())) : null;
  const moods = last30.map((x) => (x.mood ? MOOD_VALUE[x.mood] : undefined)).filter((v): v is number => v !== undefined);

  const contacts = history.contacts.filter((c) => c.createdAt <= asOf);
  const decisionMakers = new Set(contacts.filter((c) => roleAt(c, asOf) === 'decision_maker').map((c) => c.id));
  const chainChanges =
    contacts.filter((c) => c.createdAt > deal.createdAt).length +
    contacts.reduce((n, c) => n + c.changes.filter((x) => x.at > deal.createdAt && x.at <= asOf && has(x.after, 'decisionRole')).length, 0);

  const edits = history.changes.filter((c) => c.action === 'opportunity.updated' && c.at <= asOf);
  const amountEdits = edits.filter((c) => has(c.after, 'amount'));
  const amountNow = fieldAt(history, 'amount', asOf, deal.amountCents, yuanToCents);
  const firstAmount = amountEdits.length ? yuanToCents((amountEdits[0].before as Record<string, unknown>).amount) : amountNow;
  const pushes = edits.filter((c) => {
    const from = dateOrNull(c.before?.expectedCloseDate);
    const to = dateOrNull(c.after?.expectedCloseDate);
    return from !== null && to !== null && to > from;
  }).length;
  const expectedClose = fieldAt(history, 'expectedCloseDate', asOf, deal.expectedCloseDate, dateOrNull);

  const texts = [...touches.map((x) => x.text), ...history.notes.filter((n) => n.at <= asOf).map((n) => n.text)];
  const mentions = texts.filter((s) => mentionsCompetitor(s, context.competitors)).length;

  const lines = history.lines.filter((l) => l.createdAt <= asOf);
  const mainLine = lines.reduce<OrderLineRecord | null>((best, l) => (best === null || l.totalCents > best.totalCents ? l : best), null);

  const owner = deal.ownerId ? context.owners.get(deal.ownerId) : undefined;
  const ownerClosed = owner ? owner.closed.filter((c) => c.closedAt < asOf) : [];
  const annotation = history.annotations.filter((a) => a.at <= asOf).at(-1) ?? null;

  return {
    stage_rank: stage === null || rankOf(stage) < 0 ? null : rankOf(stage) + 1,
    days_in_stage: days(t - lastMove.getTime()),
    deal_age_days: days(t - deal.createdAt.getTime()),
    stage_changes: moves.length,
    step_backs: stepBacks,
    touches_30d: last30.length,
    touches_prev_30d: deal.createdAt.getTime() <= t - 30 * DAY ? prev30.length : null,
    touch_trend: deal.createdAt.getTime() <= t - 30 * DAY ? last30.length - prev30.length : null,
    days_since_last_touch: lastTouch === null ? null : days(t - lastTouch),
    mood_30d: moods.length ? Math.round((moods.reduce((s, v) => s + v, 0) / moods.length) * 100) / 100 : null,
    decision_maker_identified: decisionMakers.size > 0 ? 1 : 0,
    decision_maker_touches_30d: last30.filter((x) => x.contactIds.some((id) => decisionMakers.has(id))).length,
    decision_chain_changes: chainChanges,
    amount_changes: amountEdits.length,
    amount_change_pct: Number.isFinite(firstAmount) && firstAmount > 0 && Number.isFinite(amountNow) ? Math.round(((amountNow - firstAmount) / firstAmount) * 1000) / 10 : null,
    close_date_pushes: pushes,
    days_to_expected_close: expectedClose === null ? null : days(Date.parse(`${expectedClose}T00:00:00Z`) - t),
    competitor_mentions: mentions,
    amount_yuan: Number.isFinite(amountNow) ? amountNow / 100 : null,
    owner_tenure_days: owner?.hiredOn ? days(t - owner.hiredOn.getTime()) : null,
    owner_win_rate: ownerClosed.length >= MIN_OWNER_CLOSED ? Math.round((ownerClosed.filter((c) => c.won).length / ownerClosed.length) * 1000) / 1000 : null,
    owner_closed_deals: owner ? ownerClosed.length : null,
    industry: deal.industry,
    size: deal.size,
    billing_model: deal.billingModel,
    region: deal.region,
    product_category: mainLine?.category ?? null,
    annotation_category: annotation?.category ?? null,
    annotation_direction: annotation?.direction ?? null,
  };
}

/** Before the outcome was known: 14 days before closing, or half-way through a shorter deal. */
export const TRAINING_HORIZON_DAYS = 14;
export function trainingMoment(deal: Pick<DealRecord, 'createdAt' | 'closedAt'>): Date | null {
  if (!deal.closedAt) return null;
  const created = deal.createdAt.getTime();
  const closed = deal.closedAt.getTime();
  if (closed <= created) return null;
  const horizon = closed - TRAINING_HORIZON_DAYS * DAY;
  return new Date(horizon > created ? horizon : created + (closed - created) / 2);
}
