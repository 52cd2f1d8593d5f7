// The daily decay run per tenant: records which commits are decayed (since when, at which
// factor), forgets the ones an update revived, and alerts each decayed deal's owner and manager
// once per close date and factor (raiseAlert dedupes).
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';
import type { Db } from '../../platform/db/connection.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { managersOf } from '../teams/managers-of.ts';
import { evaluateDeals } from './credibility.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { decayedCommits } from './decayed-commits.ts';
import { loadEvidenceSettings } from './evidence-settings.ts';
import { fromCents } from '../../platform/money.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export async function runDecay(db: Db, tenantId: string, now = new Date()): Promise<{ decayed: number; alerted: number }> {
  const ctx: RequestContext = { tenantId, actor: { userId: null, role: 'admin', teamId: null, name: 'forecast decay' } };
  return inTenant(db.kysely, tenantId, async (trx) => {
    const clock = await tenantClock(trx, tenantId, now);
    const settings = await loadEvidenceSettings(trx, tenantId);
    const ids = (await decayedCommits(trx, tenantId, clock, now, settings.decayCurve).select('o.id').orderBy('o.id').execute()).map((r) => r.id);
    const { deals } = await evaluateDeals(trx, tenantId, ids, now);
    const known = new Map((await trx.selectFrom('deal_decays').selectAll().where('tenant_id', '=', tenantId).execute()).map((r) => [r.opportunity_id, r]));
    const managers = await managersOf(trx, tenantId, [...new Set(deals.map((d) => d.deal.ownerId).filter((x): x is string => !!x))]);
    let alerted = 0;
    for (const d of deals) {
      const closeDate = d.deal.closeDate as string;
      const previous = known.get(d.deal.id);
      const decayedSince = previous && previous.close_date === closeDate ? previous.decayed_since : clock.today;
      const cols = { close_date: closeDate, factor: d.decay.factor, days_without_update: d.decay.daysWithoutUpdate ?? 0, decayed_since: decayedSince, last_run_on: clock.today };
      await trx.insertInto('deal_decays').values({ tenant_id: tenantId, opportunity_id: d.deal.id, ...cols }).onConflict((oc) => oc.columns(['tenant_id', 'opportunity_id']).doUpdateSet(cols)).execute();
      const recipients = [...new Set([d.deal.ownerId, ...(d.deal.ownerId ? (managers.get(d.deal.ownerId) ?? []) : [])].filter((x): x is string => !!x))];
      for (const userId of recipients) {
        const raised = await raiseAlert(trx, ctx, {
          userId,
          kind: 'forecast.commit_decayed',
          severity: 'warning',
          title: `承诺商机「${d.deal.name}」已过预计成交日 ${d.decay.daysPastClose} 天未更新，可信度降至 ${pct(d.decay.factor)}`,
          body: `Commit "${d.deal.name}" is ${d.decay.daysPastClose} days past its close date ${closeDate} with no update for ${d.decay.daysWithoutUpdate} days: its credibility dropped to ${pct(d.decay.factor)}. Update the deal (close date, stage or a touch) to restore it.`,
          message: { key: 'forecast.commit_decayed', params: { name: d.deal.name, daysPastClose: d.decay.daysPastClose, closeDate, daysWithoutUpdate: d.decay.daysWithoutUpdate, factor: d.decay.factor } },
          entity: 'opportunities',
          entityId: d.deal.id,
          evidence: { closeDate, daysPastClose: d.decay.daysPastClose, daysWithoutUpdate: d.decay.daysWithoutUpdate, factor: d.decay.factor, amount: fromCents(d.deal.amountCents), lastUpdateAt: d.deal.lastUpdateAt.toISOString(), lastUpdateKind: d.deal.lastUpdateKind },
          dedupeKey: `deal-decay:${d.deal.id}:${closeDate}:${d.decay.factor}`,
        });
        if (raised.created) alerted++;
      }
    }
    const revived = [...known.keys()].filter((id) => !ids.includes(id));
    if (revived.length) await trx.deleteFrom('deal_decays').where('tenant_id', '=', tenantId).where('opportunity_id', 'in', revived).execute();
    return { decayed: deals.length, alerted };
  });
}
