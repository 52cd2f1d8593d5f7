// Payment collection (回款): overdue instalments listed in scope and flagged daily to the
// contract owner once per instalment; collected vs planned per rep and team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { flagOverduePayments } from './flag-overdue-payments.ts';

let server: TestServer;
let t: TestTenant;
let manager: TestUser;
let member: TestUser;
let outsider: TestUser;
let teamId: string;
beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '回款租户');
  teamId = await t.team('华东销售部');
  manager = await t.user('manager', { teamId, name: '王经理' });
  member = await t.user('rep', { teamId, name: '李销售' });
  outsider = await t.user('rep', { name: '赵销售' });
});
afterAll(() => server?.stop());

let seq = 0;
async function contract(owner: TestUser, amount: string, instalments: Array<{ dueOn: string; amount: string; paidAmount?: string; paidOn?: string }>, status = 'active') {
  const account = (await owner.client.post('/api/accounts', { name: `客户${++seq}` })).json().id;
  const res = await owner.client.post('/api/contracts', { accountId: account, number: `HT-${process.pid}-${seq}`, amount, status });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const paymentIds: string[] = [];
  for (const p of instalments) {
    const r = await owner.client.post(`/api/contracts/${id}/payments`, p);
    expect(r.statusCode, r.body).toBe(201);
    paymentIds.push(r.json().id);
  }
  return { id, paymentIds };
}
const overdueIds = async (u: TestUser, query = '') => (await u.client.get(`/api/payments/overdue?limit=200${query}`)).json().items.map((i: { paymentId: string }) => i.paymentId);

describe('overdue instalments', () => {
  let memberDue: string[];
  let outsiderDue: string[];
  beforeAll(async () => {
    memberDue = (await contract(member, '1000', [
      { dueOn: '2026-01-10', amount: '300', paidAmount: '100', paidOn: '2026-01-12' }, // overdue, partly paid
      { dueOn: '2026-02-10', amount: '300', paidAmount: '300', paidOn: '2026-02-10' }, // paid
      { dueOn: '2099-01-01', amount: '400' }, // not due yet
    ])).paymentIds;
    outsiderDue = (await contract(outsider, '500', [{ dueOn: '2026-03-01', amount: '500' }])).paymentIds;
    await contract(outsider, '500', [{ dueOn: '2026-03-01', amount: '500' }], 'draft');
  });

  it('lists the unpaid past-due instalments of the contracts I may see, with what is outstanding', async () => {
    const res = await member.client.get('/api/payments/overdue');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ paymentId: memberDue[0], dueOn: '2026-01-10', amount: '300.00', paidAmount: '100.00', outstanding: '200.00', ownerId: member.id })]);
    expect(res.json().items[0].daysOverdue).toBeGreaterThan(300);
    expect(await overdueIds(outsider)).toEqual([outsiderDue[0]]);
    expect(await overdueIds(manager)).toEqual([memberDue[0]]);
    expect(await overdueIds(t.admin)).toEqual([memberDue[0], outsiderDue[0]]);
    expect(await overdueIds(t.admin, `&ownerId=${outsider.id}`)).toEqual([outsiderDue[0]]);
    const stranger = await makeTenant(server, '外租户');
    expect(await overdueIds(stranger.admin)).toEqual([]);
  });

  it('pages with a cursor and refuses bad parameters', async () => {
    const p1 = (await t.admin.client.get('/api/payments/overdue?limit=1')).json();
    const p2 = (await t.admin.client.get(`/api/payments/overdue?limit=1&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((i: { paymentId: string }) => i.paymentId)).toEqual([memberDue[0], outsiderDue[0]]);
    for (const q of ['limit=0', 'limit=abc', 'cursor=%E4%BD%A0%E5%A5%BD', 'ownerId=1%27%20or%201=1', 'status=open']) {
      expect((await t.admin.client.get(`/api/payments/overdue?${q}`)).statusCode, q).toBe(400);
    }
  });

  it('the daily check reminds the contract owner once per instalment, and again after a resolved reminder if still unpaid', async () => {
    const tenant = await makeTenant(server, '提醒租户');
    const rep = await tenant.user('rep');
    const { paymentIds } = await contract(rep, '800', [{ dueOn: '2026-05-01', amount: '800', paidAmount: '50', paidOn: '2026-05-02' }]);
    const orphan = await contract(tenant.admin, '100', [{ dueOn: '2026-05-01', amount: '100' }]);
    await tenant.admin.client.patch(`/api/contracts/${orphan.id}`, { ownerId: null });
    expect(await flagOverduePayments(server.db, tenant.tenantId, '2026-06-01')).toEqual({ raised: 1, stillOpen: 0, withoutOwner: 1 });
    expect(await flagOverduePayments(server.db, tenant.tenantId, '2026-06-02')).toEqual({ raised: 0, stillOpen: 1, withoutOwner: 1 });
    const alerts = (await rep.client.get('/api/alerts?kind=payment.overdue')).json().items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'payment.overdue', severity: 'critical', entity: 'payments', entityId: paymentIds[0], evidence: { outstanding: '750.00', dueOn: '2026-05-01', daysOverdue: 31 } });
    expect(alerts[0].title).toContain('回款逾期');
    // the facts, for the workbench to word in the reader's language, money as a decimal string
    const contractNumber = (await rep.client.get(`/api/contracts/${alerts[0].evidence.contractId}`)).json().number;
    expect(alerts[0].message).toEqual({ key: 'payment.overdue', params: { contractNumber, accountName: alerts[0].evidence.accountName, dueOn: '2026-05-01', outstanding: '750.00', currency: 'CNY', daysOverdue: 31, checkedOn: '2026-06-01' } });
    await rep.client.post(`/api/alerts/${alerts[0].id}/resolve`);
    expect(await flagOverduePayments(server.db, tenant.tenantId, '2026-06-03')).toMatchObject({ raised: 1 });
    // paid in full: no more reminders
    await tenant.admin.client.patch(`/api/contracts/${(await inTenant(server.db.kysely, tenant.tenantId, (trx) => trx.selectFrom('payments').select('contract_id').where('id', '=', paymentIds[0]).executeTakeFirstOrThrow())).contract_id}/payments/${paymentIds[0]}`, { paidAmount: '800', paidOn: '2026-06-03' });
    expect(await flagOverduePayments(server.db, tenant.tenantId, '2026-06-04')).toEqual({ raised: 0, stillOpen: 0, withoutOwner: 1 });
    expect((await t.admin.client.get('/api/alerts?kind=payment.overdue')).json().items).toEqual([]);
  });

  it("an English-speaking owner's stored title is in English; the message is the same facts whoever reads it", async () => {
    const tenant = await makeTenant(server, '英文提醒租户');
    const rep = await tenant.user('rep');
    expect((await tenant.admin.client.patch(`/api/users/${rep.id}`, { locale: 'en' })).statusCode).toBe(200);
    await contract(rep, '1200.50', [{ dueOn: '2026-05-20', amount: '1200.50' }]);
    await flagOverduePayments(server.db, tenant.tenantId, '2026-06-01');
    const [alert] = (await rep.client.get('/api/alerts?kind=payment.overdue')).json().items;
    expect(alert.title).toMatch(/^Payment overdue: contract .+, 1200\.50 due 2026-05-20$/);
    expect(alert).toMatchObject({ severity: 'warning', message: { key: 'payment.overdue', params: { dueOn: '2026-05-20', outstanding: '1200.50', currency: 'CNY', daysOverdue: 12, checkedOn: '2026-06-01' } } });
  });
});

describe('collected vs planned', () => {
  it('sums per rep and per team what fell due, what was paid against it, and what arrived in the range', async () => {
    const tenant = await makeTenant(server, '达成租户');
    const team = await tenant.team('华南组');
    const a = await tenant.user('rep', { teamId: team, name: '甲' });
    const b = await tenant.user('rep', { teamId: team, name: '乙' });
    const c = await tenant.user('rep', { name: '丙' });
    const make = async (owner: TestUser, instalments: Parameters<typeof contract>[2]) => {
      const account = (await owner.client.post('/api/accounts', { name: '客户' })).json().id;
      const id = (await owner.client.post('/api/contracts', { accountId: account, number: `C-${++seq}`, amount: '100000', status: 'active' })).json().id;
      for (const p of instalments) expect((await owner.client.post(`/api/contracts/${id}/payments`, p)).statusCode).toBe(201);
    };
    await make(a, [
      { dueOn: '2026-07-15', amount: '1000.50', paidAmount: '1000.50', paidOn: '2026-07-20' },
      { dueOn: '2026-08-15', amount: '2000', paidAmount: '500', paidOn: '2026-09-02' }, // due in range, paid after it
      { dueOn: '2026-06-30', amount: '300', paidAmount: '300', paidOn: '2026-07-01' }, // due before, collected in range
    ]);
    await make(b, [{ dueOn: '2026-08-01', amount: '4000' }]);
    await make(c, [{ dueOn: '2026-12-01', amount: '999' }]);
    const get = (u: TestUser, q: string) => u.client.get(`/api/metrics/collections?${q}`);

    const byRep = (await get(tenant.admin, 'from=2026-07-01&to=2026-08-31&groupBy=rep')).json();
    expect(byRep.items).toEqual([
      { id: a.id, name: '甲', planned: '3000.50', collected: '1300.50', paidAgainstPlanned: '1500.50', outstandingOfPlanned: '1500.00', instalmentsDue: 2, completionRate: 0.5001 },
      { id: b.id, name: '乙', planned: '4000.00', collected: '0.00', paidAgainstPlanned: '0.00', outstandingOfPlanned: '4000.00', instalmentsDue: 1, completionRate: 0 },
    ]);
    expect(byRep.total).toMatchObject({ planned: '7000.50', collected: '1300.50', completionRate: 0.2143 });

    const byTeam = (await get(tenant.admin, 'from=2026-07-01&to=2026-08-31&groupBy=team')).json();
    expect(byTeam.items).toEqual([expect.objectContaining({ id: team, name: '华南组', planned: '7000.50', collected: '1300.50' })]);

    expect((await get(b, 'from=2026-07-01&to=2026-08-31')).json().items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect((await get(c, 'from=2026-07-01&to=2026-08-31')).json()).toMatchObject({ items: [], total: { planned: '0.00', completionRate: null } });
    expect((await get(t.admin, 'from=2026-07-01&to=2026-08-31')).json().items.map((i: { id: string }) => i.id)).not.toContain(a.id);
  });

  it('refuses a reversed range, bad dates and unknown groupings', async () => {
    for (const q of ['from=2026-09-01&to=2026-08-01', 'from=2026-02-30&to=2026-03-01', 'to=2026-03-01', 'from=昨天&to=今天', 'from=2026-01-01&to=2026-02-01&groupBy=region', 'from=2026-01-01&to=2026-02-01&x=1']) {
      const res = await member.client.get(`/api/metrics/collections?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });
});
