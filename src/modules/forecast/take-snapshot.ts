// A snapshot of a period's forecast as it stands (every rep, team and the company: categories,
// overrides, neutral, and the committed / best-case deals), taken on the tenant's schedule, on
// demand, and when the period closes; the deviation report and accuracy compare against it.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { dealStateAt } from './deal-history.ts';
import { presentForecast } from './get-forecast.ts';
import { loadForecastView } from './forecast-view.ts';
import { periodKeySchema } from './periods.ts';

export const snapshotBody = z.object({ period: periodKeySchema }).strict();

export type SnapshotData = ReturnType<typeof presentForecast> & { deals: { id: string; ownerId: string | null; forecastCategory: string; amount: string; expectedCloseDate: string | null }[] };

/** ctx must see the whole company (admin, executive or the scheduler's system context). */
export async function takeSnapshot(trx: Tx, ctx: RequestContext, periodKey: string, reason: 'schedule' | 'manual' | 'close', now = new Date()) {
  authorize(ctx, 'forecast_snapshots', 'create');
  const view = await loadForecastView(trx, ctx, periodKey, now, { weighted: true });
  const deals = view.deals
    .map((d) => dealStateAt(d, view.asOf))
    .filter((s) => s !== null && s.open && s.expectedCloseDate !== null && s.expectedCloseDate >= view.period.start && s.expectedCloseDate <= view.period.end && (s.forecastCategory === 'commit' || s.forecastCategory === 'best_case'))
    .map((s) => ({ id: s!.id, ownerId: s!.ownerId, forecastCategory: s!.forecastCategory, amount: fromCents(s!.amountCents) as string, expectedCloseDate: s!.expectedCloseDate }));
  const data: SnapshotData = { ...presentForecast(ctx, view), deals };
  const id = newId();
  await trx.insertInto('forecast_snapshots').values({ id, tenant_id: ctx.tenantId, period_key: view.period.key, reason, taken_at: now, taken_by: ctx.actor.userId, data: JSON.stringify(data) }).execute();
  await recordEvent(trx, ctx, { type: 'forecast.snapshot_taken', entity: 'forecast_snapshots', entityId: id, after: { period: view.period.key, reason, deals: deals.length }, payload: { period: view.period.key, reason } });
  return { id, period: view.period.key, reason, takenAt: now.toISOString(), commitForecast: data.company?.commitForecast ?? null, neutral: data.neutral.amount, deals: deals.length };
}
