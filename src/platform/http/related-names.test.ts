import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '名称测试');
});
afterAll(() => server?.stop());

describe('records carry the names of what they point to', () => {
  it('gives each deal and touch its account name, so lists need no second lookup', async () => {
    const account = (await t.admin.client.post('/api/accounts', { name: '杭州西湖医疗器械有限公司' })).json();
    const deal = (await t.admin.client.post('/api/opportunities', { name: '超声设备采购', accountId: account.id, amount: '880000.00' })).json();
    expect(deal.accountName).toBe('杭州西湖医疗器械有限公司');
    const listed = (await t.admin.client.get(`/api/opportunities?accountId=${account.id}`)).json().items;
    expect(listed[0].accountName).toBe('杭州西湖医疗器械有限公司');
    const touch = (await t.admin.client.post('/api/activities', { type: 'call', occurredAt: new Date().toISOString(), subject: '电话沟通', opportunityId: deal.id })).json();
    expect(touch).toMatchObject({ accountName: '杭州西湖医疗器械有限公司', opportunityName: '超声设备采购' });
  });
});
