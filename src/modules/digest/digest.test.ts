// The 18:00 digest: fires once at 18:00 in each tenant's own time zone (not at 17:59), is
// built from that local day's touches, notes and tasks, is idempotent, scoped like the records
// it summarises, and the seller's corrections feed the AI correction rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from '../../platform/jobs/jobs-test-server.ts';
import { FallbackProvider, type LlmProvider } from '../../platform/llm/provider.ts';
import { DIGEST_SCHEDULE_ID } from './digest-schedule.ts';
import { generateDailyDigests } from './generate-digests.ts';
import { digestFixtures } from './digest-fixtures.ts';

const DATE = '2027-01-15';
let server: JobsTestServer;
let shanghai: TestTenant;
let newYork: TestTenant;
let shRep: TestUser;
let nyRep: TestUser;

beforeAll(async () => {
  server = await startJobsTestServer({ dispatch: false });
  shanghai = await makeTenant(server, '上海摘要租户');
  newYork = await makeTenant(server, 'New York Digest Inc');
  server.tenants.push(shanghai.tenantId, newYork.tenantId);
  await digestFixtures(server, newYork.tenantId).setTimeZone('America/New_York');
  shRep = await shanghai.user('rep');
  nyRep = await newYork.user('rep');
});
afterAll(() => server?.stop());

const digestRuns = async (at: string) => (await server.jobs.tick(new Date(at), { lookbackMinutes: 1 })).queued.filter((r) => r.scheduleId === DIGEST_SCHEDULE_ID);
const digestsOf = async (user: TestUser, query = `date=${DATE}`) => (await user.client.get(`/api/digests?${query}`)).json();

describe('the 18:00 digest job', () => {
  it('fires once at 18:00 Shanghai and once at 18:00 New York, not at 17:59, with each local day\'s records', async () => {
    const sh = digestFixtures(server, shanghai.tenantId);
    const hospital = await sh.account('华山医院');
    await sh.touch(shRep.id, '2027-01-15T00:30:00+08:00', '凌晨电话确认招标时间', { accountId: hospital });
    await sh.touch(shRep.id, '2027-01-15T10:00:00+08:00', '拜访设备科主任', { body: '主任对彩超方案满意。需要技术支持部门提供参数对比表。', mood: 'positive', accountId: hospital });
    await sh.touch(shRep.id, '2027-01-14T23:30:00+08:00', '前一天的拜访', { accountId: hospital });
    await sh.note(shRep.id, hospital, '竞品报价比我们低 8%。', '2027-01-15T15:00:00+08:00');
    await sh.task(shRep.id, '发送正式报价单', '2027-01-16T12:00:00+08:00');
    const ny = digestFixtures(server, newYork.tenantId);
    await ny.setLocale(nyRep.id, 'en');
    await ny.touch(nyRep.id, '2027-01-15T09:00:00-05:00', 'Demo at Mount Sinai', { body: 'They need legal to review the data agreement.' });
    await ny.touch(nyRep.id, '2027-01-14T22:00:00-05:00', 'Late call the day before');

    expect(await digestRuns('2027-01-15T09:59:00Z')).toEqual([]); // 17:59 Shanghai
    const shRuns = await digestRuns('2027-01-15T10:00:00Z'); // 18:00 Shanghai
    expect(shRuns.map((r) => [r.tenantId, r.localTime])).toEqual([[shanghai.tenantId, '2027-01-15T18:00']]);
    expect(await digestRuns('2027-01-15T22:59:00Z')).toEqual([]); // 17:59 New York
    const nyRuns = await digestRuns('2027-01-15T23:00:00Z'); // 18:00 New York
    expect(nyRuns.map((r) => [r.tenantId, r.localTime])).toEqual([[newYork.tenantId, '2027-01-15T18:00']]);
    expect(await server.jobs.tick(new Date('2027-01-15T23:10:00Z'))).toMatchObject({ queued: [] });

    await waitFor(async () => (await digestsOf(shRep)).items.length === 1 && (await digestsOf(nyRep)).items.length === 1, 20_000);
    const [shDigest] = (await digestsOf(shRep)).items;
    expect(shDigest).toMatchObject({ userId: shRep.id, date: DATE, status: 'pending', provider: 'offline', offline: true });
    expect(shDigest.text).toContain('【今日进展】');
    expect(shDigest.text).toContain('凌晨电话确认招标时间');
    expect(shDigest.text).toContain('拜访设备科主任（客户态度：积极）');
    expect(shDigest.text).not.toContain('前一天的拜访');
    expect(shDigest.text).toMatch(/【待跟进】\n· 截止 01-16 发送正式报价单/);
    expect(shDigest.text).toMatch(/【需协同】\n· 需要技术支持部门提供参数对比表。/);
    expect(shDigest.sources.touchIds).toHaveLength(2);

    const [nyDigest] = (await digestsOf(nyRep)).items;
    expect(nyDigest.text).toContain('Key progress');
    expect(nyDigest.text).toContain('09:00 Visit: Demo at Mount Sinai');
    expect(nyDigest.text).not.toContain('Late call the day before');
    expect(nyDigest.text).toContain('· They need legal to review the data agreement.');
  });

  it('running the same date again writes nothing new; a quiet seller gets no digest', async () => {
    const quiet = await shanghai.user('rep');
    const again = await generateDailyDigests(server.deps, shanghai.tenantId, DATE);
    expect(again).toMatchObject({ created: 0, existing: 1 });
    expect(again.quiet).toBeGreaterThanOrEqual(1);
    expect((await digestsOf(quiet)).items).toEqual([]);
  });
});

describe('reading and correcting digests', () => {
  it('a rep sees only their own digest, a manager their team, another tenant nothing', async () => {
    const t = await makeTenant(server, '范围租户');
    const team = await t.team('华东一组');
    const manager = await t.user('manager', { teamId: team });
    const a = await t.user('rep', { teamId: team });
    const b = await t.user('rep');
    const sh = digestFixtures(server, t.tenantId);
    await sh.touch(a.id, '2027-02-01T10:00:00+08:00', 'A 的拜访');
    await sh.touch(b.id, '2027-02-01T11:00:00+08:00', 'B 的拜访');
    await generateDailyDigests(server.deps, t.tenantId, '2027-02-01');
    const names = async (u: TestUser) => (await digestsOf(u, 'date=2027-02-01')).items.map((d: { userId: string }) => d.userId).sort();
    expect(await names(a)).toEqual([a.id]);
    expect(await names(b)).toEqual([b.id]);
    expect(await names(manager)).toEqual([a.id]);
    expect(await names(t.admin)).toEqual([a.id, b.id].sort());
    expect(await names(newYork.admin)).toEqual([]);
  });

  it('refuses a missing or malformed date and unknown parameters', async () => {
    for (const q of ['', 'date=2027-13-45', 'date=昨天', "date=2027-01-15' or 1=1--", 'date=2027-01-15&userId=not-a-uuid', 'date=2027-01-15&foo=1', 'date=2027-01-15&limit=201']) {
      const res = await shRep.client.get(`/api/digests?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('the rep corrects or accepts their own digest once; the correction rate comes from the ledger', async () => {
    const t = await makeTenant(server, '纠错率租户');
    const reps = await Promise.all([t.user('rep'), t.user('rep'), t.user('rep'), t.user('rep')]);
    const f = digestFixtures(server, t.tenantId);
    for (const r of reps) await f.touch(r.id, '2027-03-01T10:00:00+08:00', '拜访客户 😀');
    expect(await generateDailyDigests(server.deps, t.tenantId, '2027-03-01')).toMatchObject({ created: 4 });
    const mine = async (u: TestUser) => (await digestsOf(u, 'date=2027-03-01')).items[0];
    const [r1, r2, r3, r4] = reps;
    const d1 = await mine(r1);

    const put = (u: TestUser, id: string, text: unknown) => u.client.raw({ method: 'PUT', url: `/api/digests/${id}`, payload: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });
    expect((await put(r1, d1.id, '   ')).statusCode).toBe(400);
    expect((await put(r1, d1.id, 'x'.repeat(10_001))).statusCode).toBe(400);
    expect((await put(r2, d1.id, '别人的')).statusCode).toBe(404);
    expect((await put(t.admin, d1.id, '管理员改')).statusCode).toBe(403);

    const corrected = await put(r1, d1.id, '今天拜访了客户，客户想下周看演示 🚀');
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ text: '今天拜访了客户，客户想下周看演示 🚀', status: 'edited', originalText: d1.text });
    expect((await put(r1, d1.id, '再改一次')).statusCode).toBe(409);

    expect((await r2.client.post(`/api/digests/${(await mine(r2)).id}/accept`)).json()).toMatchObject({ status: 'adopted' });
    const d3 = await mine(r3);
    expect((await put(r3, d3.id, d3.text)).json()).toMatchObject({ status: 'adopted' });
    expect((await r4.client.post(`/api/digests/${d1.id}/accept`)).statusCode).toBe(404);

    const metrics = (await t.admin.client.get('/api/ai/metrics?feature=daily_digest')).json().items;
    expect(metrics).toEqual([expect.objectContaining({ feature: 'daily_digest', total: 4, pending: 1, adopted: 2, edited: 1, editRate: 0.3333, adoptionRate: 0.6667 })]);
  });
});

describe('with a language model configured', () => {
  it('uses the model when it answers, and the offline digest when it fails', async () => {
    const t = await makeTenant(server, '模型租户');
    const rep = await t.user('rep');
    const f = digestFixtures(server, t.tenantId);
    await f.touch(rep.id, '2027-04-01T10:00:00+08:00', '拜访客户');
    await f.touch(rep.id, '2027-04-02T10:00:00+08:00', '再次拜访');
    const answering: LlmProvider = { name: 'qwen-test', complete: async (req) => ({ text: `模型小结：${req.messages.length} 条消息`, provider: 'qwen-test', offline: false }) };
    const failing = new FallbackProvider({ name: 'qwen-down', complete: () => Promise.reject(new Error('503')) });
    await generateDailyDigests({ db: server.db, llm: answering }, t.tenantId, '2027-04-01');
    await generateDailyDigests({ db: server.db, llm: failing }, t.tenantId, '2027-04-02');
    expect((await digestsOf(rep, 'date=2027-04-01')).items[0]).toMatchObject({ text: '模型小结：2 条消息', provider: 'openai-compatible', model: 'qwen-test', offline: false });
    expect((await digestsOf(rep, 'date=2027-04-02')).items[0]).toMatchObject({ provider: 'offline', offline: true });
    expect((await digestsOf(rep, 'date=2027-04-02')).items[0].text).toContain('再次拜访');
  });
});
