// What a deal looked like at a past moment, from its current row and the audit log: each field
// (stage, forecast category, amount, expected close date, closed-at) is the `before` of its
// first change after that moment, or the current value when it has not changed since. A deal
// whose current stage is closed but whose history cannot say when is 'unknown' at earlier
// moments, never its later outcome.
import { sql } from 'kysely';
import { toCents } from '../../platform/money.ts';
import type { Tx } from '../../platform/tenancy/context.ts';

export interface DealChange {
  at: Date;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface DealRecord {
  id: string;
  name: string;
  ownerId: string | null;
  createdAt: Date;
  stage: string;
  forecastCategory: string;
  amountCents: bigint;
  expectedCloseDate: string | null;
  closedAt: Date | null;
  /** oldest first */
  changes: DealChange[];
}

export interface DealState {
  id: string;
  ownerId: string | null;
  /** 'unknown' when the history cannot tell */
  stage: string;
  forecastCategory: string;
  amountCents: bigint;
  expectedCloseDate: string | null;
  closedAt: Date | null;
  open: boolean;
}

const closedStages = new Set(['won', 'lost']);

/** a field's value in the audit images: strings, numbers or null */
const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** equal as JSON: audit images hold JSON values, so primitives compare directly and only objects need serialising */
const sameValue = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** per deal, per field: the changes that really changed it (time, value before and after), oldest first; built once */
const fieldChanges = new WeakMap<DealRecord, Map<string, { at: number; before: unknown; after: unknown }[]>>();
function changesOf(deal: DealRecord): Map<string, { at: number; before: unknown; after: unknown }[]> {
  let byField = fieldChanges.get(deal);
  if (byField) return byField;
  byField = new Map();
  for (const c of deal.changes) {
    for (const field of Object.keys(c.before)) {
      if (!(field in c.after) || sameValue(c.before[field], c.after[field])) continue;
      const list = byField.get(field) ?? [];
      list.push({ at: c.at.getTime(), before: c.before[field], after: c.after[field] });
      byField.set(field, list);
    }
  }
  fieldChanges.set(deal, byField);
  return byField;
}

function fieldAt(deal: DealRecord, field: string, t: Date): { value: unknown; known: boolean } {
  const time = t.getTime();
  for (const c of changesOf(deal).get(field) ?? []) if (c.at > time) return { value: c.before, known: true };
  return { value: undefined, known: false };
}

/** the moment of the deal's last change in the audit log, or its creation */
const lastChange = new WeakMap<DealRecord, number>();
function lastChangeAt(deal: DealRecord): number {
  let at = lastChange.get(deal);
  if (at === undefined) {
    at = deal.changes.reduce((m, c) => Math.max(m, c.at.getTime()), deal.createdAt.getTime());
    lastChange.set(deal, at);
  }
  return at;
}

/** Closed at or before t with nothing changed since: its state at t is its closed state now (the same as dealStateAt(deal, t).open === false, without rebuilding it). */
export function closedQuietlyBy(deal: DealRecord, t: number): boolean {
  return deal.closedAt !== null && deal.closedAt.getTime() <= t && lastChangeAt(deal) <= t;
}

/** The deal as it stood at t; null when it did not exist yet. */
export function dealStateAt(deal: DealRecord, t: Date): DealState | null {
  if (deal.createdAt > t) return null;
  const stageAt = fieldAt(deal, 'stage', t);
  const closedAtAt = fieldAt(deal, 'closedAt', t);
  const categoryAt = fieldAt(deal, 'forecastCategory', t);
  const amountAt = fieldAt(deal, 'amount', t);
  const closeAt = fieldAt(deal, 'expectedCloseDate', t);
  let closedAt = closedAtAt.known ? (text(closedAtAt.value) ? new Date(text(closedAtAt.value) as string) : null) : deal.closedAt;
  let stage = stageAt.known ? (text(stageAt.value) ?? 'unknown') : deal.stage;
  if (closedAt && closedAt > t) closedAt = null;
  // a closed stage at t needs a close at or before t; otherwise the history does not reach back
  if (closedStages.has(stage) && !closedAt) stage = 'unknown';
  const open = !closedAt;
  let category = categoryAt.known ? (text(categoryAt.value) ?? 'unknown') : deal.forecastCategory;
  if (open && (category === 'closed' || (category === 'omitted' && !categoryAt.known && deal.stage === 'lost'))) category = 'unknown';
  let amountCents = deal.amountCents;
  if (amountAt.known && text(amountAt.value) !== null) amountCents = toCents(text(amountAt.value) as string);
  const expectedCloseDate = closeAt.known ? text(closeAt.value) : deal.expectedCloseDate;
  return { id: deal.id, ownerId: deal.ownerId, stage, forecastCategory: category, amountCents, expectedCloseDate, closedAt, open };
}

/** The deal as it stood at t when it was open then; null when it did not exist yet or was closed (a deal closed quietly by t is known closed without rebuilding its state). */
export function openStateAt(deal: DealRecord, t: Date): DealState | null {
  if (closedQuietlyBy(deal, t.getTime())) return null;
  const s = dealStateAt(deal, t);
  return s?.open ? s : null;
}

export interface DealPace {
  /** whole days the deal had been in its stage at the moment (since created when it never moved) */
  daysInStage: number;
  /** how often its expected close date had been moved later by then */
  closeDatePushes: number;
}

/** How a deal had been moving by t, from the changes made at or before t only. */
export function dealPaceAt(deal: DealRecord, t: Date): DealPace {
  const time = t.getTime();
  let stageSince = deal.createdAt.getTime();
  for (const c of changesOf(deal).get('stage') ?? []) if (c.at <= time) stageSince = c.at;
  let closeDatePushes = 0;
  for (const c of changesOf(deal).get('expectedCloseDate') ?? []) {
    const before = text(c.before);
    const after = text(c.after);
    if (c.at <= time && before !== null && after !== null && after > before) closeDatePushes++;
  }
  return { daysInStage: Math.max(0, Math.floor((time - stageSince) / 86_400_000)), closeDatePushes };
}

/** Every deal of the tenant with its change history from the audit log (two queries). */
export async function loadDealRecords(trx: Tx, tenantId: string, opts: { ownerIds?: string[] | null } = {}): Promise<DealRecord[]> {
  let q = trx
    .selectFrom('opportunities')
    .select(['id', 'name', 'owner_id', 'created_at', 'stage', 'forecast_category', 'amount_cents', 'expected_close_date', 'closed_at'])
    .where('tenant_id', '=', tenantId);
  if (opts.ownerIds) q = opts.ownerIds.length ? q.where('owner_id', 'in', opts.ownerIds) : q.where(sql<boolean>`false`);
  const rows = await q.execute();
  const { rows: changes } = await sql<{ entity_id: string; at: Date; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>`
    select entity_id, at, before, after from audit_log
    where tenant_id = ${tenantId} and entity = 'opportunities' and action in ('opportunity.updated', 'opportunity.stage_changed')
    order by seq`.execute(trx);
  const byDeal = new Map<string, DealChange[]>();
  for (const c of changes) {
    const list = byDeal.get(c.entity_id) ?? [];
    list.push({ at: new Date(c.at), before: c.before ?? {}, after: c.after ?? {} });
    byDeal.set(c.entity_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    createdAt: r.created_at,
    stage: r.stage,
    forecastCategory: r.forecast_category,
    amountCents: BigInt(r.amount_cents),
    expectedCloseDate: r.expected_close_date === null ? null : dateText(r.expected_close_date),
    closedAt: r.closed_at,
    changes: (byDeal.get(r.id) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime()),
  }));
}

/** node-postgres may hand a date column over as a string or a Date */
export const dateText = (d: unknown): string => (d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d).slice(0, 10));
