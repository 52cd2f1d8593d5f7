// The demo deals' past: each deal's stage moves, forecast-category changes, pushed close dates
// and amount cuts, written as the audit-log entries the app itself writes (not as outbox events:
// nothing should be dispatched for the past), so "what did this deal look like in mid-August" can be answered honestly (the
// forecast backtest and the deviation report read it). It derives from the existing deal rows
// and its own random stream, so no other demo data changes; the final state of every deal is
// exactly its row.
import { entryHash, GENESIS_HASH, type AuditEntry } from '../../platform/events/audit-chain.ts';
import { fromCents } from '../../platform/money.ts';
import { newId } from '../../platform/ids.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { addDays, DAY_MS, endOfMonth, localDate, atLocal } from './demo-calendar.ts';
import { OPEN_STAGES } from './demo-catalog.ts';
import type { Row } from './demo-model.ts';
import { Random } from './demo-random.ts';

const HISTORY_SEED = 0x5f0c_a57;

interface Change {
  at: Date;
  action: 'opportunity.stage_changed' | 'opportunity.updated';
  dealId: string;
  actorId: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

function categoryFor(rng: Random, stage: string): string {
  switch (stage) {
    case 'solution':
      return rng.chance(0.3) ? 'best_case' : 'pipeline';
    case 'quoted':
      return rng.chance(0.6) ? 'best_case' : 'commit';
    case 'negotiation':
      return rng.chance(0.75) ? 'commit' : 'best_case';
    default:
      return 'pipeline';
  }
}

const iso = (d: Date) => d.toISOString();

/** The changes of one deal, oldest first, ending in exactly the state of its row. */
export function dealChanges(rng: Random, deal: Row<'opportunities'>, now: Date): Change[] {
  const createdAt = new Date(deal.created_at as Date);
  const closedAt = deal.closed_at ? new Date(deal.closed_at) : null;
  const stage = deal.stage as string;
  const actorId = (deal.owner_id as string | null) ?? null;
  const changes: Change[] = [];
  const finalIndex = stage === 'won' ? 4 : stage === 'lost' ? rng.weighted([[0, 2], [1, 3], [2, 3], [3, 2], [4, 1]] as const) : OPEN_STAGES.indexOf(stage as (typeof OPEN_STAGES)[number]);
  const lastMove = closedAt ?? new Date(deal.stage_changed_at as Date);
  const span = Math.max(DAY_MS, lastMove.getTime() - createdAt.getTime());
  // open stage moves, spread over the deal's life up to its last move
  const moveTimes: number[] = [];
  for (let i = 1; i <= finalIndex; i++) moveTimes.push(createdAt.getTime() + span * (closedAt ? rng.between(0.05, 0.95) : i === finalIndex ? 1 : rng.between(0.05, 0.95)));
  moveTimes.sort((a, b) => a - b);
  if (!closedAt && finalIndex > 0) moveTimes[moveTimes.length - 1] = lastMove.getTime();
  const cats = OPEN_STAGES.map((s) => categoryFor(rng, s));
  if (!closedAt) cats[finalIndex] = deal.forecast_category as string;
  for (let i = 1; i <= finalIndex; i++) {
    const from = OPEN_STAGES[i - 1];
    const to = OPEN_STAGES[i];
    changes.push({ at: new Date(moveTimes[i - 1]), action: 'opportunity.stage_changed', dealId: deal.id, actorId, before: { stage: from, forecastCategory: cats[i - 1], closedAt: null }, after: { stage: to, forecastCategory: cats[i], closedAt: null } });
  }
  if (closedAt) {
    const from = OPEN_STAGES[finalIndex];
    changes.push({ at: closedAt, action: 'opportunity.stage_changed', dealId: deal.id, actorId, before: { stage: from, forecastCategory: cats[finalIndex], closedAt: null }, after: { stage, forecastCategory: deal.forecast_category, closedAt: iso(closedAt) } });
  }

  // pushed close dates: the rep first typed an earlier date and moved it when it came near
  const finalClose = deal.expected_close_date as string | null;
  const end = (closedAt ?? now).getTime();
  if (finalClose && rng.chance(0.4)) {
    const pushes = rng.weighted([[1, 5], [2, 3], [3, 1]] as const);
    let later = finalClose;
    const dates: string[] = [];
    for (let i = 0; i < pushes; i++) {
      const earlier = rng.chance(0.5) ? endOfMonth(addDays(later, -rng.int(20, 45))) : addDays(later, -rng.int(10, 40));
      if (earlier >= later || earlier <= localDate(createdAt)) break;
      dates.unshift(earlier);
      later = earlier;
    }
    const chain = [...dates, finalClose];
    for (let i = 0; i < chain.length - 1; i++) {
      const when = Math.min(end - 3_600_000, Math.max(createdAt.getTime() + 3_600_000, atLocal(chain[i], 10).getTime() - rng.int(0, 6) * DAY_MS));
      changes.push({ at: new Date(when), action: 'opportunity.updated', dealId: deal.id, actorId, before: { expectedCloseDate: chain[i] }, after: { expectedCloseDate: chain[i + 1] } });
    }
  }
  // amount cuts in negotiation: the first quote was higher
  if (finalIndex >= 3 && rng.chance(0.2)) {
    const final = BigInt(deal.amount_cents);
    const initial = (final * BigInt(rng.int(110, 140))) / 100n / 10_000n * 10_000n;
    if (initial > final) {
      const when = createdAt.getTime() + (end - createdAt.getTime()) * rng.between(0.5, 0.95);
      changes.push({ at: new Date(when), action: 'opportunity.updated', dealId: deal.id, actorId, before: { amount: fromCents(initial) }, after: { amount: fromCents(final) } });
    }
  }
  return changes.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Writes the deals' history into the audit chain, continuing it. */
export async function seedForecastHistory(trx: Tx, tenantId: string, deals: readonly Row<'opportunities'>[], now: Date, seed: number): Promise<number> {
  const rng = new Random((seed ^ HISTORY_SEED) >>> 0).fork('forecast-history');
  const all = deals.flatMap((d) => dealChanges(rng, d, now)).sort((a, b) => a.at.getTime() - b.at.getTime());
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
  let seq = BigInt(head.seq);
  let hash = head.hash;
  const audit: Row<'audit_log'>[] = [];
  for (const c of all) {
    seq++;
    const id = newId();
    const entry: AuditEntry = { seq: seq.toString(), event_id: id, actor_id: c.actorId, action: c.action, entity: 'opportunities', entity_id: c.dealId, before: c.before, after: c.after, at: c.at.toISOString() };
    const next = entryHash(hash, entry);
    audit.push({ tenant_id: tenantId, seq: entry.seq, event_id: id, actor_id: c.actorId, action: c.action, entity: 'opportunities', entity_id: c.dealId, before: JSON.stringify(c.before), after: JSON.stringify(c.after), at: entry.at, prev_hash: hash, hash: next });
    hash = next;
  }
  for (let i = 0; i < audit.length; i += 1000) {
    await trx.insertInto('audit_log').values(audit.slice(i, i + 1000)).execute();
  }
  await trx.updateTable('audit_heads').set({ seq: seq.toString(), hash }).where('tenant_id', '=', tenantId).execute();
  return all.length;
}
