// The demo deals' past, written to the audit log as the changes that led to today's rows: the
// stage moves each deal walked (with some steps back), close dates pushed out and amounts cut —
// more often on deals that were later lost, as in real pipelines. Own random stream, so the
// rest of the demo data does not change; the win model learns from this history.
import type { Insertable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { backfillAudit, type PastChange } from '../win-model/audit-backfill.ts';
import { Random } from './demo-random.ts';

const HISTORY_SEED = 20261201;
const DAY = 86_400_000;
const PATH = ['lead', 'qualified', 'solution', 'quoted', 'negotiation'] as const;
type Opportunity = Insertable<Database['opportunities']>;

const time = (v: Date | string | undefined) => (v === undefined ? NaN : new Date(v).getTime());
const yuan = (cents: number) => (cents / 100).toFixed(2);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function stageMoves(rng: Random, o: Opportunity, created: number, end: number, reached: number, finalStage: string | null): PastChange[] {
  const moves: PastChange[] = [];
  const base = { action: 'opportunity.stage_changed', entity: 'opportunities', entityId: o.id, actorId: o.owner_id ?? null };
  // the open stages are reached at increasing points of the deal's life, the last one some time before it ends
  const span = Math.max(DAY, end - created);
  let at = created;
  let stage: string = PATH[0];
  for (let s = 1; s <= reached; s++) {
    // deals move at uneven speeds: some reach 商务谈判 only in their last days
    at = Math.max(at + 3_600_000, created + span * Math.min(0.97, (s / (reached + 1)) * rng.between(0.75, 1.3)));
    moves.push({ ...base, at: new Date(Math.min(at, end - 3_600_000)), before: { stage }, after: { stage: PATH[s] } });
    stage = PATH[s];
    // a step back and forward again: the customer reopened the solution, or the quote went back
    if (s >= 2 && rng.chance(finalStage === 'lost' ? 0.25 : 0.08)) {
      const back = Math.min(end - 2_400_000, at + span * 0.03);
      at = Math.min(end - 1_200_000, back + span * 0.03);
      moves.push({ ...base, at: new Date(back), before: { stage }, after: { stage: PATH[s - 1] } });
      moves.push({ ...base, at: new Date(at), before: { stage: PATH[s - 1] }, after: { stage } });
    }
  }
  if (finalStage) moves.push({ ...base, at: new Date(end), before: { stage }, after: { stage: finalStage } });
  return moves;
}

/** close-date pushes ending at today's expected close date, and amount edits ending at today's amount */
function edits(rng: Random, o: Opportunity, created: number, end: number, outcome: 'won' | 'lost' | 'open' | 'stale'): PastChange[] {
  const out: PastChange[] = [];
  const base = { action: 'opportunity.updated', entity: 'opportunities', entityId: o.id, actorId: o.owner_id ?? null };
  const span = Math.max(DAY, end - created);
  const pushes = rng.chance({ won: 0.2, lost: 0.5, open: 0.15, stale: 0.65 }[outcome]) ? rng.int(1, outcome === 'won' ? 1 : 3) : 0;
  let to = o.expected_close_date ?? null;
  for (let k = 0; k < pushes && to; k++) {
    const from = isoDay(Date.parse(`${to}T00:00:00Z`) - rng.int(14, 45) * DAY);
    out.push({ ...base, at: new Date(created + span * rng.between(0.3, 0.95)), before: { expectedCloseDate: from }, after: { expectedCloseDate: to } });
    to = from;
  }
  const cut = rng.chance({ won: 0.12, lost: 0.35, open: 0.1, stale: 0.3 }[outcome]);
  const raise = !cut && rng.chance(0.08);
  if (cut || raise) {
    const now = Number(o.amount_cents);
    const before = Math.round((now / (cut ? rng.between(0.6, 0.9) : rng.between(1.05, 1.25))) / 100) * 100;
    out.push({ ...base, at: new Date(created + span * rng.between(0.2, 0.9)), before: { amount: yuan(before) }, after: { amount: yuan(now) } });
  }
  return out;
}

export async function seedDealHistory(trx: Tx, tenantId: string, opportunities: readonly Opportunity[], now: Date): Promise<number> {
  const rng = new Random(HISTORY_SEED);
  const changes: PastChange[] = [];
  for (const o of opportunities) {
    const created = time(o.created_at);
    const closed = o.closed_at ? time(o.closed_at) : NaN;
    const changed = time(o.stage_changed_at);
    if (!Number.isFinite(created)) continue;
    if (o.stage === 'won' || o.stage === 'lost') {
      // a win comes from 商务谈判; many losses come late too, after a quote or in negotiation (the default machine advances one stage at a time)
      const reached = o.stage === 'won' ? 4 : rng.weighted([[0, 1], [1, 2], [2, 3], [3, 3], [4, 2]] as const);
      changes.push(...stageMoves(rng, o, created, closed, reached, o.stage), ...edits(rng, o, created, closed, o.stage));
    } else {
      const reached = PATH.indexOf(o.stage as (typeof PATH)[number]);
      const lastMove = Number.isFinite(changed) ? changed : created;
      const stale = now.getTime() - lastMove > 30 * DAY;
      if (reached > 0) changes.push(...stageMoves(rng, o, created, lastMove, reached - 1, null), { action: 'opportunity.stage_changed', entity: 'opportunities', entityId: o.id, actorId: o.owner_id ?? null, at: new Date(lastMove), before: { stage: PATH[reached - 1] }, after: { stage: o.stage as string } });
      changes.push(...edits(rng, o, created, Math.max(created + DAY, Math.min(now.getTime(), lastMove + 20 * DAY)), stale ? 'stale' : 'open'));
    }
  }
  return backfillAudit(trx, tenantId, changes);
}
