// Demo evidence: proofs from the deals' own activities for a realistic share of won, lost and
// open deals (won deals proven up to 法务闭环, signed by the account's decision maker), a few
// deals held back by a signer without signing authority, and scenarios for some open commits.
// Its own random stream, so the rest of the demo does not change; decayed commits come from the
// pipeline's own stale deals (open commits past their close date that nobody touched since).
import type { Tx } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { Random } from '../demo/demo-random.ts';
import type { Row } from '../demo/demo-model.ts';
import { evidenceStageKeys, type EvidenceStageKey } from './evidence-stages.ts';

const EVIDENCE_SEED = 20261201;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** how far up the evidence ladder an open deal in each pipeline stage is typically proven */
const provenUpTo: Record<string, number> = { lead: 0, qualified: 0, solution: 1, quoted: 2, negotiation: 2 };

export async function seedDealEvidence(trx: Tx, opts: { tenantId: string; now: Date }): Promise<{ proofs: number; scenarios: number }> {
  const rng = new Random(EVIDENCE_SEED);
  const { tenantId, now } = opts;
  const deals = await trx
    .selectFrom('opportunities')
    .select(['id', 'account_id', 'stage', 'forecast_category', 'amount_cents', 'expected_close_date', 'closed_at', 'created_at', 'owner_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const touches = await trx.selectFrom('activities').select(['id', 'opportunity_id', 'occurred_at']).where('tenant_id', '=', tenantId).where('opportunity_id', 'is not', null).where('type', '<>', 'note').where('occurred_at', '<=', now).orderBy('occurred_at').orderBy('subject').execute();
  const contacts = await trx.selectFrom('contacts').select(['id', 'account_id', 'decision_role']).where('tenant_id', '=', tenantId).orderBy('name').execute();
  const touchesOf = new Map<string, typeof touches>();
  for (const t of touches) touchesOf.set(t.opportunity_id as string, [...(touchesOf.get(t.opportunity_id as string) ?? []), t]);
  const contactsOf = new Map<string, typeof contacts>();
  for (const c of contacts) if (c.account_id) contactsOf.set(c.account_id, [...(contactsOf.get(c.account_id) ?? []), c]);

  const proofs: Row<'deal_evidence'>[] = [];
  const scenarios: Row<'deal_scenarios'>[] = [];
  let heldBack = 0;
  for (const deal of deals) {
    const own = (touchesOf.get(deal.id) ?? []).filter((t) => !deal.closed_at || t.occurred_at <= deal.closed_at);
    const open = deal.closed_at === null;
    let top: number;
    if (deal.stage === 'won') top = rng.chance(0.75) ? 3 : -1;
    else if (deal.stage === 'lost') top = rng.chance(0.35) ? rng.int(0, 1) : -1;
    else top = rng.chance(0.6) ? Math.min(provenUpTo[deal.stage] ?? 0, rng.chance(0.8) ? 3 : 2) : -1;
    const people = contactsOf.get(deal.account_id) ?? [];
    const decisionMaker = people.find((c) => c.decision_role === 'decision_maker');
    // a negotiation commit now and then carries a contract signed by someone without signing authority
    const wrongSigner = open && deal.stage === 'negotiation' && deal.forecast_category === 'commit' && heldBack < 4 ? people.find((c) => c.decision_role && c.decision_role !== 'decision_maker') : undefined;
    const held = wrongSigner !== undefined && own.length >= 4 && rng.chance(0.5);
    if (held) {
      top = 3;
      heldBack++;
    } else if (top === 3 && !decisionMaker) top = 2;
    const signer = held ? wrongSigner : decisionMaker;
    if (top < 0 || own.length === 0) continue;
    const stages = evidenceStageKeys.slice(0, Math.min(top + 1, own.length));
    // one touch per stage, spread along the deal's own history so the dates follow the stage order
    stages.forEach((stage: EvidenceStageKey, i) => {
      const touch = own[Math.min(own.length - 1, Math.floor(((i + rng.between(0.2, 0.8)) / stages.length) * own.length))];
      const createdAt = new Date(Math.min(now.getTime() - HOUR, touch.occurred_at.getTime() + rng.int(1, 48) * HOUR));
      proofs.push({ id: newId(), tenant_id: tenantId, opportunity_id: deal.id, stage, activity_id: touch.id, signer_contact_id: stage === 'legal_closed' ? (signer?.id ?? null) : null, added_by: deal.owner_id, created_at: createdAt });
    });
    if (open && deal.forecast_category !== 'pipeline' && deal.expected_close_date && rng.chance(0.5)) {
      const neutral = Number(deal.amount_cents);
      const close = Date.parse(`${deal.expected_close_date}T00:00:00Z`);
      const start = Math.max(close, now.getTime() + DAY);
      const date = (days: number) => new Date(start + days * DAY).toISOString().slice(0, 10);
      scenarios.push({
        tenant_id: tenantId,
        opportunity_id: deal.id,
        optimistic_amount_cents: Math.round((neutral * rng.between(1.05, 1.3)) / 100) * 100,
        neutral_amount_cents: neutral,
        pessimistic_amount_cents: Math.max(100, Math.round((neutral * rng.between(0.5, 0.9)) / 100) * 100),
        optimistic_close_date: date(0),
        neutral_close_date: date(rng.int(3, 10)),
        pessimistic_close_date: date(rng.int(20, 60)),
        updated_by: deal.owner_id,
        updated_at: new Date(now.getTime() - rng.int(1, 20) * DAY),
      });
    }
  }
  for (let i = 0; i < proofs.length; i += 1000) await trx.insertInto('deal_evidence').values(proofs.slice(i, i + 1000)).execute();
  for (let i = 0; i < scenarios.length; i += 1000) await trx.insertInto('deal_scenarios').values(scenarios.slice(i, i + 1000)).execute();
  return { proofs: proofs.length, scenarios: scenarios.length };
}
