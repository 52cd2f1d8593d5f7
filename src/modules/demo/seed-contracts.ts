// Contracts for won deals (and drafts for deals in negotiation) with their 回款 instalments:
// most instalments paid on time or a little late, some overdue, the rest still to come.
import { addDays, addMonths, atLocal, daysBetween, DAY_MS, localDate } from './demo-calendar.ts';
import type { BuildContext, DemoOpportunity, Row } from './demo-model.ts';
import type { Random } from './demo-random.ts';
import { newId } from '../../platform/ids.ts';

export interface DemoContracts {
  contractRows: Row<'contracts'>[];
  paymentRows: Row<'payments'>[];
}

interface Instalment {
  dueOn: string;
  percent: number;
}

/** How the customer pays: monthly subscriptions, annual software, or hardware milestones (预付/到货/验收). */
function paymentPlan(rng: Random, deal: DemoOpportunity, signedOn: string, startsOn: string): Instalment[] {
  if (deal.account.monthlyBilling) return Array.from({ length: 12 }, (_, k) => ({ dueOn: addMonths(startsOn, k), percent: 100 / 12 }));
  if (deal.account.industry === 'SaaS软件') {
    return rng.chance(0.6) ? [{ dueOn: addDays(startsOn, 15), percent: 100 }] : [{ dueOn: addDays(startsOn, 15), percent: 50 }, { dueOn: addMonths(startsOn, 6), percent: 50 }];
  }
  return [
    { dueOn: addDays(signedOn, 7), percent: 30 },
    { dueOn: addDays(signedOn, rng.int(30, 75)), percent: 60 },
    { dueOn: addDays(signedOn, rng.int(120, 200)), percent: 10 },
  ];
}

/** Splits an amount in 分 by percentages; the last share takes the remainder so the sum is exact. */
function splitCents(totalCents: number, percents: readonly number[]): number[] {
  const shares = percents.map((p) => Math.floor((totalCents * p) / 100));
  shares[shares.length - 1] = totalCents - shares.slice(0, -1).reduce((a, b) => a + b, 0);
  return shares;
}

function payments(ctx: BuildContext, contractId: string, deal: DemoOpportunity, signedOn: string, startsOn: string, createdAt: Date): Row<'payments'>[] {
  const { rng, clock, tenantId } = ctx;
  const plan = paymentPlan(rng, deal, signedOn, startsOn);
  const amounts = splitCents(deal.amountCents, plan.map((p) => p.percent));
  return plan.map((p, k) => {
    let paidCents = 0;
    let paidOn: string | null = null;
    if (p.dueOn <= clock.today) {
      const outcome = rng.weighted([['paid', 82], ['partial', 6], ['overdue', 12]] as const);
      const payDay = addDays(p.dueOn, rng.int(-5, 25));
      if (outcome !== 'overdue' && payDay <= clock.today) {
        paidCents = outcome === 'paid' ? amounts[k] : Math.floor(amounts[k] / 2);
        paidOn = payDay;
      }
    }
    return {
      id: newId(),
      tenant_id: tenantId,
      contract_id: contractId,
      due_on: p.dueOn,
      amount_cents: amounts[k],
      paid_cents: String(paidCents),
      paid_on: paidOn,
      created_at: createdAt,
      updated_at: paidOn ? atLocal(paidOn, 16) : createdAt,
    };
  });
}

export function buildContracts(ctx: BuildContext, deals: readonly DemoOpportunity[]): DemoContracts {
  const { rng, clock, tenantId } = ctx;
  const contractRows: Row<'contracts'>[] = [];
  const paymentRows: Row<'payments'>[] = [];
  const candidates = deals.filter((d) => d.stage === 'won' || (d.stage === 'negotiation' && !d.stale && rng.chance(0.3)));
  const dated = candidates.map((deal) => {
    const createdAt = deal.closedAt ?? new Date(Math.max(deal.createdAt.getTime(), clock.now.getTime() - rng.int(1, 10) * DAY_MS));
    return { deal, createdAt };
  });
  dated.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const perYear = new Map<string, number>();
  for (const { deal, createdAt } of dated) {
    const id = newId();
    const year = localDate(createdAt).slice(0, 4);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const signed = deal.stage === 'won';
    const signedOn = localDate(createdAt);
    const startsOn = addDays(signedOn, rng.int(0, 15));
    const endsOn = addDays(addMonths(startsOn, 12), -1);
    const instalments = signed ? payments(ctx, id, deal, signedOn, startsOn, createdAt) : [];
    const fullyPaid = instalments.every((p) => p.paid_cents === String(p.amount_cents));
    paymentRows.push(...instalments);
    contractRows.push({
      id,
      tenant_id: tenantId,
      account_id: deal.account.id,
      opportunity_id: deal.id,
      number: `HT-${year}-${String(seq).padStart(4, '0')}`,
      amount_cents: deal.amountCents,
      signed_on: signed ? signedOn : null,
      starts_on: startsOn,
      ends_on: endsOn,
      status: !signed ? 'draft' : fullyPaid && daysBetween(endsOn, clock.today) > 0 ? 'completed' : 'active',
      owner_id: deal.owner.id,
      created_at: createdAt,
      updated_at: createdAt,
    });
  }
  return { contractRows, paymentRows };
}
