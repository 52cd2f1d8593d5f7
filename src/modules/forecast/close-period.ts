// When a period has ended: the accuracy of its forecast per rep, team and company, recorded for
// two figures — the committed number (closed + commit, overrides applied) and the neutral
// forecast — each taken from the snapshot nearest the period's middle (the mid-period
// forecast is the one that matters; a snapshot on the last day would be trivially right).
import { sql } from 'kysely';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { toCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { forecastAccuracy } from './accuracy.ts';
import { loadForecastView } from './forecast-view.ts';
import type { SnapshotData } from './take-snapshot.ts';
import { loadTreeOnly } from './forecast-data.ts';
import { canSee, forecastScope } from './forecast-scope.ts';

type SnapNode = NonNullable<SnapshotData['company']>;

export async function closePeriod(trx: Tx, ctx: RequestContext, periodKey: string, now = new Date()) {
  authorize(ctx, 'forecast_snapshots', 'create');
  const view = await loadForecastView(trx, ctx, periodKey, now);
  if (now < view.to) throw new AppError('unprocessable', `Period ${periodKey} has not ended yet; its accuracy is recorded after ${view.period.end}.`);
  const mid = new Date((view.from.getTime() + view.to.getTime()) / 2);
  const snap = await trx
    .selectFrom('forecast_snapshots')
    .select(['id', 'data', 'taken_at'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('period_key', '=', periodKey)
    .where('taken_at', '<', view.to)
    .orderBy(sql`abs(extract(epoch from taken_at - ${mid}::timestamptz))`)
    .limit(1)
    .executeTakeFirst();
  if (!snap) throw new AppError('unprocessable', `Period ${periodKey} has no snapshot taken during it, so there is no forecast to compare with.`);
  const data = snap.data as SnapshotData;
  const nodes: SnapNode[] = [...(data.company ? [data.company] : []), ...data.teams, ...data.users];
  const actualOf = (key: string) => {
    if (key === 'company') return view.rollup.company.effective.closed;
    const [kind, id] = key.split(':');
    return (kind === 'team' ? view.rollup.teams.get(id) : view.rollup.users.get(id))?.effective.closed ?? 0n;
  };
  let recorded = 0;
  for (const n of nodes) {
    const actual = actualOf(n.key);
    for (const [figure, value] of [['commit', n.commitForecast], ['neutral', n.neutral]] as const) {
      const forecast = value === null ? null : toCents(value);
      const accuracy = forecastAccuracy(forecast, actual);
      const values = { forecast_cents: forecast?.toString() ?? null, actual_cents: actual.toString(), accuracy: accuracy === null ? null : String(accuracy), snapshot_id: snap.id, recorded_at: now };
      await trx
        .insertInto('forecast_accuracy')
        .values({ id: newId(), tenant_id: ctx.tenantId, period_key: periodKey, subject_kind: n.kind, subject_id: n.id, figure, ...values })
        .onConflict((oc) => oc.expression(sql`tenant_id, period_key, subject_kind, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid), figure`).doUpdateSet(values))
        .execute();
      recorded++;
    }
  }
  await recordEvent(trx, ctx, { type: 'forecast.period_closed', entity: 'forecast_snapshots', entityId: snap.id, after: { period: periodKey, rows: recorded }, payload: { period: periodKey } });
  return { period: periodKey, snapshotId: snap.id, snapshotTakenAt: snap.taken_at.toISOString(), recorded };
}

export async function listAccuracy(trx: Tx, ctx: RequestContext, subjectKind: 'company' | 'team' | 'user', subjectId: string | null) {
  authorize(ctx, 'forecast', 'read');
  const { role, userId } = ctx.actor;
  if (role === 'rep' && !(subjectKind === 'user' && subjectId === userId)) throw forbidden('A rep sees the accuracy of their own forecast only.');
  if (role === 'manager') {
    const scope = forecastScope(ctx, await loadTreeOnly(trx, ctx.tenantId));
    if (!canSee(scope, subjectKind, subjectId)) throw forbidden('A manager sees the accuracy of their own teams and reps only.');
  }
  let q = trx.selectFrom('forecast_accuracy').select(['period_key', 'figure', 'forecast_cents', 'actual_cents', 'accuracy', 'recorded_at']).where('tenant_id', '=', ctx.tenantId).where('subject_kind', '=', subjectKind);
  q = subjectId ? q.where('subject_id', '=', subjectId) : q.where('subject_id', 'is', null);
  return q.orderBy('period_key', 'desc').limit(48).execute();
}
