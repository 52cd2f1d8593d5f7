// The monthly deviation report: what the mid-month snapshot forecast against what happened,
// root causes proposed from each deal's timeline and confirmed by the rep who owns it, exported
// as CSV and PDF; and the month's accuracy when it is closed (a rep with no wins has none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { insertDeals, recordDealChange } from './forecast-fixtures.ts';
import { addDays, periodOf } from './periods.ts';
import { localDateAt } from '../../platform/tenancy/tenant-clock.ts';
import { takeSnapshot } from './take-snapshot.ts';

let server: TestServer;
let t: TestTenant;
let rep: TestUser, rep2: TestUser;
let slipped: string, lost: string, cut: string, surprise: string;
const month = periodOf(addDays(periodOf(localDateAt(new Date(), 'Asia/Shanghai'), 'month').start, -1), 'month');
const local = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server);
  const team = await t.team('华东');
  rep = await t.user('rep', { teamId: team, name: '张伟' });
  rep2 = await t.user('rep', { teamId: team, name: '陈静' });
  const created = local(addDays(month.start, -40));
  [slipped, lost, cut, surprise] = await insertDeals(server, t.tenantId, [
    { name: '滨江医院影像采购', ownerId: rep.id, amount: 500_000, stage: 'negotiation', category: 'commit', expectedClose: addDays(month.end, 45), createdAt: created },
    { name: '萧山设备替换', ownerId: rep.id, amount: 300_000, stage: 'lost', category: 'omitted', expectedClose: month.end, closedAt: local(addDays(month.mid, 5)), createdAt: created },
    { name: '余杭二期', ownerId: rep.id, amount: 80_000, stage: 'won', category: 'closed', expectedClose: month.end, closedAt: local(addDays(month.mid, 3)), createdAt: created },
    { name: '临平续费', ownerId: rep.id, amount: 60_000, stage: 'won', category: 'closed', expectedClose: addDays(month.end, 60), closedAt: local(addDays(month.mid, 8)), createdAt: created },
  ]);
  // the slipped deal's close date was pushed twice within the month, and again after its middle
  await recordDealChange(server, t.tenantId, slipped, local(addDays(month.start, 2)), { expectedCloseDate: addDays(month.start, 5) }, { expectedCloseDate: month.mid });
  await recordDealChange(server, t.tenantId, slipped, local(addDays(month.mid, 2)), { expectedCloseDate: month.mid }, { expectedCloseDate: month.end });
  await recordDealChange(server, t.tenantId, slipped, local(addDays(month.end, 1)), { expectedCloseDate: month.end }, { expectedCloseDate: addDays(month.end, 45) });
  // at mid-month the lost deal was a quoted commit, the cut one a 100k best case
  await recordDealChange(server, t.tenantId, lost, local(addDays(month.mid, 5)), { stage: 'quoted', forecastCategory: 'commit', closedAt: null }, { stage: 'lost', forecastCategory: 'omitted', closedAt: local(addDays(month.mid, 5)).toISOString() });
  await recordDealChange(server, t.tenantId, cut, local(addDays(month.mid, 1)), { amount: '100000.00' }, { amount: '80000.00' });
  await recordDealChange(server, t.tenantId, cut, local(addDays(month.mid, 3)), { stage: 'negotiation', forecastCategory: 'best_case', closedAt: null }, { stage: 'won', forecastCategory: 'closed', closedAt: local(addDays(month.mid, 3)).toISOString() });
  await recordDealChange(server, t.tenantId, surprise, local(addDays(month.mid, 8)), { stage: 'negotiation', forecastCategory: 'pipeline', closedAt: null }, { stage: 'won', forecastCategory: 'closed', closedAt: local(addDays(month.mid, 8)).toISOString() });
  await inTenant(server.db.kysely, t.tenantId, async (trx) => {
    await trx.insertInto('notes').values({ id: newId(), tenant_id: t.tenantId, entity: 'opportunities', entity_id: lost, body: '客户透露竞争对手给了更低的报价，还送两年维保', author_id: rep.id, created_at: local(addDays(month.mid, 1)), updated_at: new Date() }).execute();
    await trx.insertInto('activities').values({ id: newId(), tenant_id: t.tenantId, type: 'call', subject: '电话沟通', occurred_at: local(addDays(month.mid, 4)), logged_at: new Date(), opportunity_id: lost, owner_id: rep.id, contact_ids: [], updated_at: new Date() }).execute();
    await takeSnapshot(trx, { tenantId: t.tenantId, actor: { userId: null, role: 'admin', teamId: null } }, month.key, 'schedule', local(month.mid, 12));
  });
}, 60_000);
afterAll(() => server?.stop());

type Row = { id: string; opportunity: { id: string }; kind: string; forecast: string; actual: string; deviation: string; proposed: { tag: string; evidence: string[] }[]; confirmedTags: string[] | null; canConfirm: boolean };

describe('monthly deviation report', () => {
  it('lists slipped, lost, cut and unforecast deals, largest first, with causes proposed from the timeline', async () => {
    expect((await rep.client.post('/api/forecast/deviations/build', { month: month.key })).statusCode).toBe(403);
    const res = await t.admin.client.post('/api/forecast/deviations/build', { month: month.key });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Row[] }>().items;
    expect(items.map((d) => [d.opportunity.id, d.kind, d.deviation])).toEqual([
      [slipped, 'slipped', '-500000.00'],
      [lost, 'lost', '-300000.00'],
      [surprise, 'unforecast_win', '60000.00'],
      [cut, 'amount_cut', '-20000.00'],
    ]);
    const bySlipped = items[0].proposed.find((p) => p.tag === 'customer_decision_delay');
    expect(bySlipped?.evidence).toHaveLength(2); // the push after the month is not its cause
    const byLost = items[1].proposed.find((p) => p.tag === 'competitor_ambush');
    expect(byLost?.evidence[0]).toContain('竞争对手给了更低的报价');
  });

  it('the owning rep confirms or changes the tags; others may not; unknown tags are refused', async () => {
    const items = (await rep.client.get(`/api/forecast/deviations?month=${month.key}`)).json<{ items: Row[] }>().items;
    const row = items.find((d) => d.opportunity.id === lost) as Row;
    expect(row.canConfirm).toBe(true);
    expect((await rep2.client.get(`/api/forecast/deviations?month=${month.key}`)).json<{ items: Row[] }>().items).toHaveLength(0);
    expect((await rep2.client.post(`/api/forecast/deviations/${row.id}/confirm`, { tags: ['competitor_ambush'] })).statusCode).toBe(403);
    expect((await rep.client.post(`/api/forecast/deviations/${row.id}/confirm`, { tags: ['no_such_tag'] })).statusCode).toBe(400);
    const tag = await t.admin.client.post('/api/forecast/root-cause-tags', { label: '价格政策调整' });
    expect(tag.statusCode, tag.body).toBe(200);
    expect((await rep.client.post('/api/forecast/root-cause-tags', { label: '随便' })).statusCode).toBe(403);
    const key = tag.json<{ key: string }>().key;
    const ok = await rep.client.post(`/api/forecast/deviations/${row.id}/confirm`, { tags: ['competitor_ambush', key] });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await t.admin.client.get(`/api/forecast/deviations?month=${month.key}`)).json<{ items: Row[] }>().items.find((d) => d.id === row.id) as Row;
    expect(after.confirmedTags).toEqual(['competitor_ambush', key]);
    const audit = await server.db.kysely.selectFrom('audit_log').select(['before', 'after']).where('tenant_id', '=', t.tenantId).where('action', '=', 'forecast.deviation_confirmed').executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ confirmedTags: ['competitor_ambush', key] });
  });

  it('exports CSV with the Chinese intact and a PDF with its page', async () => {
    const csv = await t.admin.client.get(`/api/forecast/deviations/export.csv?month=${month.key}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\ufeff#,商机 deal')).toBe(true);
    expect(csv.body).toContain('萧山设备替换');
    expect(csv.body).toContain('竞对突袭；价格政策调整');
    const pdf = await t.admin.client.get(`/api/forecast/deviations/export.pdf?month=${month.key}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    expect(bytes.toString('latin1')).toMatch(/\/Type \/Pages/);
    expect(bytes.toString('latin1')).toMatch(/\/Count 1/);
    expect(bytes.length).toBeLessThan(400_000);
  });

  it('closing the month records accuracy from the mid-month snapshot; a rep whose actual is 0 has no accuracy, not a number', async () => {
    const res = await t.admin.client.post('/api/forecast/close', { period: month.key });
    expect(res.statusCode, res.body).toBe(200);
    const company = (await t.admin.client.get('/api/forecast/accuracy?node=company')).json<{ items: { period: string; figure: string; forecast: string; actual: string; accuracy: number | null }[] }>().items;
    const commit = company.find((r) => r.figure === 'commit' && r.period === month.key);
    // forecast at mid-month: commit 500k + 300k (closed 0 then); actual wins 140k
    expect(commit).toMatchObject({ forecast: '800000.00', actual: '140000.00', accuracy: Math.round((1 - 660_000 / 140_000) * 10_000) / 10_000 });
    const quiet = (await rep2.client.get(`/api/forecast/accuracy?node=user:${rep2.id}`)).json<{ items: { figure: string; accuracy: number | null; actual: string }[] }>().items;
    expect(quiet.find((r) => r.figure === 'commit')).toMatchObject({ actual: '0.00', accuracy: null });
    expect((await rep2.client.get(`/api/forecast/accuracy?node=user:${rep.id}`)).statusCode).toBe(403);
  });
});
