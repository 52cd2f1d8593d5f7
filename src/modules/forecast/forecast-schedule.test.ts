// The forecast's tenant schedule: mid-month it snapshots the month, and on the 1st it closes the
// month just ended — accuracy recorded from the mid-month snapshot, deviation report built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer } from '../../testing/harness.ts';
import type { JobDeps } from '../../platform/jobs/define-job.ts';
import { insertDeals } from './forecast-fixtures.ts';
import { forecastSchedule } from './forecast-schedule.ts';
import { addDays, periodOf } from './periods.ts';
import { localDateAt } from '../../platform/tenancy/tenant-clock.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server?.stop());

const thisMonth = periodOf(localDateAt(new Date(), 'Asia/Shanghai'), 'month');
const lastMonth = periodOf(addDays(thisMonth.start, -1), 'month');
const sevenAm = (date: string) => new Date(`${addDays(date, -1)}T23:00:00Z`);

describe('forecast schedule', () => {
  it('snapshots mid-month and closes the month on the 1st', async () => {
    const t = await makeTenant(server);
    const rep = await t.user('rep');
    await insertDeals(server, t.tenantId, [
      { ownerId: rep.id, amount: 200_000, category: 'commit', expectedClose: lastMonth.end, createdAt: new Date(`${addDays(lastMonth.start, -20)}T02:00:00Z`) },
      { ownerId: rep.id, amount: 50_000, stage: 'won', category: 'closed', expectedClose: lastMonth.end, closedAt: new Date(`${lastMonth.end}T02:00:00Z`), createdAt: new Date(`${addDays(lastMonth.start, -20)}T02:00:00Z`) },
    ]);
    const run = (localDate: string) => forecastSchedule.job.handler(server.deps as JobDeps, { tenantId: t.tenantId, localDate, scheduledFor: sevenAm(localDate).toISOString() });

    await run(lastMonth.mid);
    const snaps = await server.db.kysely.selectFrom('forecast_snapshots').select(['period_key', 'reason']).where('tenant_id', '=', t.tenantId).execute();
    expect(snaps).toContainEqual({ period_key: lastMonth.key, reason: 'schedule' });

    await run(thisMonth.start);
    const accuracy = await server.db.kysely.selectFrom('forecast_accuracy').select(['subject_kind', 'figure', 'forecast_cents', 'actual_cents', 'accuracy']).where('tenant_id', '=', t.tenantId).where('period_key', '=', lastMonth.key).where('subject_kind', '=', 'company').where('figure', '=', 'commit').executeTakeFirstOrThrow();
    // at mid-month: 200k committed, the 50k win not yet closed and (with no history) of unknown category
    expect(accuracy).toMatchObject({ forecast_cents: '20000000', actual_cents: '5000000', accuracy: '-2.0000' });
    const deviations = await server.db.kysely.selectFrom('forecast_deviations').select(['kind']).where('tenant_id', '=', t.tenantId).where('month_key', '=', lastMonth.key).execute();
    expect(deviations.map((d) => d.kind).sort()).toEqual(['slipped', 'unforecast_win']);
  });
});
