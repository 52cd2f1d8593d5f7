// The director's decay board: the decayed commits in the viewer's data scope (a manager's team
// subtree, everyone for executives and admins), oldest close date first, each with its days
// past, factor, weighted amount and last update — computed live on every read.
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { hiddenFields, stripHidden } from '../../platform/auth/field-hiding.ts';
import { decodeCursor, fetchLimit, listQueryBase, pageFrom } from '../../platform/http/list-params.ts';
import { id } from '../../platform/http/schemas.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { evaluateDeals } from './credibility.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { decayedCommits, scaleCents } from './decayed-commits.ts';
import { loadEvidenceSettings } from './evidence-settings.ts';

export const decayBoardQuery = z.object({ ownerId: id().optional(), limit: listQueryBase.limit, cursor: listQueryBase.cursor }).strict();
const SORT = 'expectedCloseDate';

export async function decayBoard(trx: Tx, ctx: RequestContext, query: z.output<typeof decayBoardQuery>, now = new Date()) {
  authorize(ctx, 'deal_decay', 'read');
  const owners = await visibleOwnerIds(trx, ctx);
  const clock = await tenantClock(trx, ctx.tenantId, now);
  const settings = await loadEvidenceSettings(trx, ctx.tenantId);
  let q = decayedCommits(trx, ctx.tenantId, clock, now, settings.decayCurve);
  if (owners) q = owners.length ? q.where('o.owner_id', 'in', owners) : q.where(sql<SqlBool>`false`);
  if (query.ownerId) q = q.where('o.owner_id', '=', query.ownerId);
  const totals = await q.select([sql<number>`count(*)::int`.as('deals'), sql<string>`coalesce(sum(o.amount_cents), 0)::text`.as('amount_cents')]).executeTakeFirstOrThrow();

  const after = decodeCursor(query.cursor, SORT);
  let page = q
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.account_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.owner_id'))
    .leftJoin('deal_decays as dd', (j) => j.onRef('dd.tenant_id', '=', 'o.tenant_id').onRef('dd.opportunity_id', '=', 'o.id').onRef('dd.close_date', '=', 'o.expected_close_date'))
    .select(['o.id', 'o.expected_close_date', 'a.name as account_name', 'u.name as owner_name', 'dd.decayed_since']);
  if (after) page = page.where(sql<SqlBool>`(o.expected_close_date, o.id) > (${after.v}::date, ${after.id})`);
  const rows = await page.orderBy('o.expected_close_date').orderBy('o.id').limit(fetchLimit(query.limit)).execute();

  const { deals } = await evaluateDeals(trx, ctx.tenantId, rows.slice(0, query.limit).map((r) => r.id), now);
  const byId = new Map(deals.map((d) => [d.deal.id, d]));
  const hidden = await hiddenFields(trx, ctx, 'opportunities');
  const present = (r: (typeof rows)[number]) => {
    const d = byId.get(r.id);
    if (!d) throw new Error(`decayed deal ${r.id} vanished`);
    const c = d.credibility;
    return stripHidden(
      {
        id: d.deal.id,
        name: d.deal.name,
        accountId: d.deal.accountId,
        accountName: r.account_name,
        ownerId: d.deal.ownerId,
        ownerName: r.owner_name,
        amount: fromCents(d.deal.amountCents),
        currency: d.deal.currency,
        expectedCloseDate: d.deal.closeDate,
        daysPastClose: d.decay.daysPastClose,
        daysWithoutUpdate: d.decay.daysWithoutUpdate,
        factor: d.decay.factor,
        evidenceStage: c.evidenceStage,
        stageWeight: c.stageWeight,
        weight: c.weight,
        decayedAmount: fromCents(scaleCents(d.deal.amountCents, d.decay.factor)),
        weightedAmount: c.weight === null ? null : fromCents(scaleCents(d.deal.amountCents, c.weight)),
        lastUpdateAt: d.deal.lastUpdateAt.toISOString(),
        lastUpdateKind: d.deal.lastUpdateKind,
        decayedSince: r.decayed_since,
        reasons: c.reasons,
      },
      hidden,
    );
  };
  return {
    ...pageFrom(rows, query.limit, present, (last) => ({ v: last.expected_close_date, id: last.id, s: SORT })),
    today: clock.today,
    curve: settings.decayCurve,
    total: { deals: totals.deals, amount: fromCents(totals.amount_cents) },
  };
}
