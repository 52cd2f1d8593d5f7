// The demo deals' one past, written to the audit log as the app itself records changes, so every
// reader of history — stage history, the forecast backtest and deviation report, the win model's
// features, deal warnings, pipeline changes — sees the same story, ending exactly in today's rows:
// the stages each deal walked with its forecast category (steps back more often on deals later
// lost) up to the stage its lifecycle reached, close dates pushed — from the date first planned
// when the deal slipped, often to a month end — or pulled in, amounts cut or raised. Own random
// stream, so the rest of the demo does not change.
import { backfillHistory, type PastChange } from '../../platform/events/backfill-history.ts';
import { fromCents } from '../../platform/money.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { addDays, DAY_MS, dayStart, daysBetween, endOfMonth, localDate } from './demo-calendar.ts';
import { OPEN_STAGES } from './demo-catalog.ts';
import type { Row } from './demo-model.ts';
import { Random } from './demo-random.ts';

const HISTORY_SEED = 0x5f0c_a57;
const HOUR_MS = 3_600_000;

type Outcome = 'won' | 'lost' | 'open' | 'stale';
type Deal = Row<'opportunities'>;

const ms = (v: unknown): number => (v === undefined || v === null ? NaN : new Date(v as string | Date).getTime());

/** the category a rep gives a deal in an open stage */
function categoryFor(rng: Random, stage: string): string {
  if (stage === 'solution') return rng.chance(0.3) ? 'best_case' : 'pipeline';
  if (stage === 'quoted') return rng.chance(0.6) ? 'best_case' : 'commit';
  if (stage === 'negotiation') return rng.chance(0.75) ? 'commit' : 'best_case';
  return 'pipeline';
}

/** the stage moves from 线索 to the deal's stage today (and its close, when closed), as moveStage records them */
function stageMoves(rng: Random, deal: Deal, outcome: Outcome, created: number, end: number, lostAt: number | undefined): PastChange[] {
  const closed = outcome === 'won' || outcome === 'lost';
  const reached = outcome === 'won' ? 4 : outcome === 'lost' ? (lostAt ?? rng.weighted([[0, 1], [1, 2], [2, 3], [3, 3], [4, 2]] as const)) : OPEN_STAGES.indexOf(deal.stage as (typeof OPEN_STAGES)[number]);
  const cats = OPEN_STAGES.map((s) => categoryFor(rng, s));
  if (!closed) cats[reached] = deal.forecast_category as string;
  const actorId = (deal.owner_id as string | null) ?? null;
  const moves: PastChange[] = [];
  const move = (at: number, from: number, to: number | 'closed') => {
    const toStage = to === 'closed' ? (deal.stage as string) : OPEN_STAGES[to];
    moves.push({
      at: new Date(at),
      action: 'opportunity.stage_changed',
      entity: 'opportunities',
      entityId: deal.id,
      actorId,
      before: { stage: OPEN_STAGES[from], forecastCategory: cats[from], closedAt: null },
      after: to === 'closed' ? { stage: toStage, forecastCategory: deal.forecast_category, closedAt: new Date(end).toISOString() } : { stage: toStage, forecastCategory: cats[to], closedAt: null },
    });
  };
  // deals move at uneven speeds; an open deal's last move is the moment its row says it entered its stage
  const span = Math.max(DAY_MS, end - created);
  let at = created;
  for (let s = 1; s <= reached; s++) {
    at = !closed && s === reached ? end : Math.min(end - HOUR_MS, Math.max(at + HOUR_MS, created + span * Math.min(0.97, (s / (reached + 1)) * rng.between(0.75, 1.3))));
    move(at, s - 1, s);
    // a step back and forward again: the customer reopened the solution, or the quote went back
    if (s >= 2 && s < reached && rng.chance(outcome === 'lost' ? 0.25 : 0.08)) {
      const back = Math.min(end - 2 * HOUR_MS, at + span * 0.02);
      at = Math.min(end - HOUR_MS, back + span * 0.02);
      if (back <= moves[moves.length - 1].at.getTime() || at <= back) continue;
      move(back, s, s - 1);
      move(at, s - 1, s);
    }
  }
  if (closed) move(end, reached, 'closed');
  return moves;
}

/** close dates moved and amounts changed, ending in today's values; lost and stale deals were pushed and cut more */
function edits(rng: Random, deal: Deal, outcome: Outcome, created: number, end: number, firstClose: string | null): PastChange[] {
  const base = { action: 'opportunity.updated', entity: 'opportunities', entityId: deal.id, actorId: (deal.owner_id as string | null) ?? null };
  const out: PastChange[] = [];
  const span = Math.max(DAY_MS, end - created);
  const when = (lo: number, hi: number) => created + span * rng.between(lo, hi);
  const close = (deal.expected_close_date as string | null) ?? null;
  const createdDay = localDate(new Date(created));
  if (close && firstClose && firstClose < close) {
    // the deal slipped: pushed from the date first planned as it came near, once or twice, to today's date
    const chain = [firstClose];
    if (rng.chance(0.4) && daysBetween(firstClose, close) > 40) chain.push(endOfMonth(addDays(firstClose, rng.int(15, daysBetween(firstClose, close) - 15))));
    chain.push(close);
    const times = chain.slice(0, -1).map((d) => Math.min(end - HOUR_MS, Math.max(created + HOUR_MS, dayStart(d) - rng.int(0, 10) * DAY_MS))).sort((a, b) => a - b);
    times.forEach((at, i) => out.push({ ...base, at: new Date(at), before: { expectedCloseDate: chain[i] }, after: { expectedCloseDate: chain[i + 1] } }));
  } else if (close && rng.chance({ won: 0.1, lost: 0.3, open: 0.12, stale: 0.5 }[outcome])) {
    // the rep first typed an earlier date and moved it when it came near
    const chain = [close];
    for (let k = rng.int(1, outcome === 'won' ? 1 : 3); k > 0; k--) {
      const earlier = rng.chance(0.5) ? endOfMonth(addDays(chain[0], -rng.int(20, 45))) : addDays(chain[0], -rng.int(14, 45));
      if (earlier >= chain[0] || earlier <= createdDay) break;
      chain.unshift(earlier);
    }
    const times = chain.slice(1).map(() => when(0.3, 0.95)).sort((a, b) => a - b);
    times.forEach((at, i) => out.push({ ...base, at: new Date(at), before: { expectedCloseDate: chain[i] }, after: { expectedCloseDate: chain[i + 1] } }));
  } else if (close && outcome === 'open' && rng.chance(0.1)) {
    // pulled in: the customer wants it sooner
    out.push({ ...base, at: new Date(when(0.4, 0.95)), before: { expectedCloseDate: addDays(close, rng.int(20, 60)) }, after: { expectedCloseDate: close } });
  }
  const cut = rng.chance({ won: 0.12, lost: 0.35, open: 0.12, stale: 0.3 }[outcome]);
  if (cut || rng.chance(0.1)) {
    const now = BigInt(deal.amount_cents);
    // the earlier amount, rounded to 100 yuan: higher before a cut, lower before a raise
    const before = ((now * 100n) / BigInt(cut ? rng.int(60, 90) : rng.int(105, 125)) / 10_000n) * 10_000n;
    if (before > 0n && before !== now) out.push({ ...base, at: new Date(when(0.2, 0.9)), before: { amount: fromCents(before) }, after: { amount: fromCents(now) } });
  }
  return out;
}

export interface HistoryInputs {
  /** some deals' edits instead of random ones (the warning showcase); their stage moves are drawn as for any deal */
  scripted?: ReadonlyMap<string, PastChange[]>;
  /** each demo deal's furthest stage and first close date, from its lifecycle; a deal without one gets a drawn stage if lost, and no slip */
  pasts?: ReadonlyMap<string, DealPast>;
}

/** what a deal's row does not say of its life: how far a lost deal got, and the close date first planned when it slipped */
export interface DealPast {
  reachedStage: number;
  firstClose: string | null;
}

/** Writes every deal's past. */
export async function seedDealHistory(trx: Tx, tenantId: string, deals: readonly Deal[], now: Date, seed: number, { scripted = new Map(), pasts = new Map() }: HistoryInputs = {}): Promise<number> {
  const rng = new Random((seed ^ HISTORY_SEED) >>> 0).fork('deal-history');
  const changes: PastChange[] = [];
  for (const deal of deals) {
    const created = ms(deal.created_at);
    if (!Number.isFinite(created)) continue;
    const stage = deal.stage as string;
    const lastMove = Number.isFinite(ms(deal.stage_changed_at)) ? ms(deal.stage_changed_at) : created;
    const outcome: Outcome = stage === 'won' || stage === 'lost' ? stage : now.getTime() - lastMove > 30 * DAY_MS ? 'stale' : 'open';
    const closedAt = ms(deal.closed_at);
    const end = outcome === 'won' || outcome === 'lost' ? (Number.isFinite(closedAt) ? closedAt : lastMove) : lastMove;
    changes.push(...stageMoves(rng, deal, outcome, created, Math.max(created + HOUR_MS, end), pasts.get(deal.id)?.reachedStage));
    // open deals keep being edited after their last stage move, up to now
    const editsEnd = outcome === 'won' || outcome === 'lost' ? end : Math.min(now.getTime() - DAY_MS, lastMove + 60 * DAY_MS);
    changes.push(...(scripted.get(deal.id) ?? edits(rng, deal, outcome, created, Math.max(created + DAY_MS, editsEnd), pasts.get(deal.id)?.firstClose ?? null)));
  }
  return backfillHistory(trx, tenantId, changes);
}
