import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
});
afterAll(() => server?.stop());

const define = async (t: TestTenant, body: Record<string, unknown>) => {
  const res = await t.admin.client.post('/api/custom-fields', body);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
};

describe('custom fields admin', () => {
  it('an admin defines fields; everyone can read them; only admins change them', async () => {
    const field = await define(acme, { entity: 'contacts', key: 'hobby', label: '爱好', type: 'text' });
    expect(field).toMatchObject({ entity: 'contacts', key: 'hobby', label: '爱好', type: 'text', options: [], required: false });
    expect((await rep.client.get('/api/custom-fields?entity=contacts')).json().items.map((f: { key: string }) => f.key)).toEqual(['hobby']);
    expect((await rep.client.post('/api/custom-fields', { entity: 'contacts', key: 'x', label: 'x', type: 'text' })).statusCode).toBe(403);
    expect((await rep.client.patch(`/api/custom-fields/${field.id}`, { label: '改' })).statusCode).toBe(403);
    expect((await rep.client.delete(`/api/custom-fields/${field.id}`)).statusCode).toBe(403);
    expect((await acme.admin.client.patch(`/api/custom-fields/${field.id}`, { label: '兴趣爱好' })).json().label).toBe('兴趣爱好');
  });

  it('refuses bad definitions, a taken key, and changing key, entity or type', async () => {
    const base = { entity: 'leads', key: 'channel', label: '渠道', type: 'select', options: ['展会', '官网'] };
    for (const body of [
      { ...base, key: 'Channel' },
      { ...base, key: '渠道' },
      { ...base, key: 'a'.repeat(41) },
      { ...base, key: "x'; drop table custom_fields;--" },
      { ...base, entity: 'payments' },
      { ...base, type: 'color' },
      { ...base, options: [] },
      { ...base, options: ['展会', '展会'] },
      { ...base, type: 'text' },
      { ...base, label: '' },
    ]) {
      expect((await acme.admin.client.post('/api/custom-fields', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const created = await define(acme, base);
    const dup = await acme.admin.client.post('/api/custom-fields', base);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.field).toBe('key');
    await define(other, base);
    for (const change of [{ key: 'source' }, { type: 'text' }, { entity: 'accounts' }]) {
      expect((await acme.admin.client.patch(`/api/custom-fields/${created.id}`, change)).statusCode).toBe(400);
    }
    expect((await acme.admin.client.patch(`/api/custom-fields/${created.id}`, { options: [] })).statusCode).toBe(422);
    expect((await acme.admin.client.patch(`/api/custom-fields/${created.id}`, { options: ['展会', '官网', '转介绍'] })).json().options).toEqual(['展会', '官网', '转介绍']);
    const text = await define(acme, { entity: 'leads', key: 'memo', label: '备忘', type: 'text' });
    expect((await acme.admin.client.patch(`/api/custom-fields/${text.id}`, { options: ['a'] })).statusCode).toBe(422);
  });
});

describe('a custom field on accounts, end to end', () => {
  let tier: { id: string };

  beforeAll(async () => {
    tier = await define(acme, { entity: 'accounts', key: 'tier', label: '客户等级', type: 'select', options: ['A', 'B', 'C'] });
    await define(acme, { entity: 'accounts', key: 'budget', label: '年度预算', type: 'money' });
    await define(acme, { entity: 'accounts', key: 'tags', label: '标签', type: 'multiselect', options: ['三甲', '民营', '集采'] });
    await define(acme, { entity: 'accounts', key: 'go_live', label: '上线日期', type: 'date' });
  });

  it('validates values on create and update, naming the field', async () => {
    const ok = await rep.client.post('/api/accounts', { name: '北京协和医院', custom: { tier: 'A', budget: '1200000.50', tags: ['三甲'], go_live: '2027-03-01' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().custom).toEqual({ tier: 'A', budget: '1200000.50', tags: ['三甲'], go_live: '2027-03-01' });
    for (const custom of [{ tier: 'D' }, { budget: '12.345' }, { budget: 'lots' }, { tags: ['公立'] }, { go_live: '2027-02-30x' }, { unknown_key: 1 }]) {
      const res = await rep.client.post('/api/accounts', { name: '坏数据', custom });
      expect(res.statusCode, JSON.stringify(custom)).toBe(400);
      expect(res.json().error.details.issues[0].path).toBe(`custom.${Object.keys(custom)[0]}`);
    }
    const bad = await rep.client.patch(`/api/accounts/${ok.json().id}`, { custom: { tier: 'Z' } });
    expect(bad.statusCode).toBe(400);
    const changed = await rep.client.patch(`/api/accounts/${ok.json().id}`, { custom: { tier: 'B' } });
    expect(changed.json().custom).toMatchObject({ tier: 'B', budget: '1200000.50' });
  });

  it('enforces a field once it is made required', async () => {
    const setting = await acme.admin.client.post('/api/custom-fields', { entity: 'accounts', key: 'source', label: '来源', type: 'text', required: true });
    expect(setting.statusCode).toBe(201);
    const missing = await rep.client.post('/api/accounts', { name: '没填来源' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('来源');
    expect((await rep.client.post('/api/accounts', { name: '填了来源', custom: { source: '展会' } })).statusCode).toBe(201);
    await acme.admin.client.delete(`/api/custom-fields/${setting.json().id}`);
    expect((await rep.client.post('/api/accounts', { name: '删了字段后' })).statusCode).toBe(201);
  });

  it('filters with ?cf.key= and sorts with ?sort=cf.key, across pages', async () => {
    const filterer = await acme.user('rep');
    const budgets = ['900', '15000.5', '120', null, '3000'];
    for (const [i, budget] of budgets.entries()) {
      const custom: Record<string, unknown> = { tier: i % 2 ? 'A' : 'C', tags: i === 0 ? ['民营', '集采'] : ['三甲'] };
      if (budget !== null) custom.budget = budget;
      expect((await filterer.client.post('/api/accounts', { name: `排序客户${i}`, custom })).statusCode).toBe(201);
    }
    const names = async (url: string) => (await filterer.client.get(url)).json().items.map((a: { name: string }) => a.name);
    expect((await names('/api/accounts?cf.tier=A&sort=name'))).toEqual(['排序客户1', '排序客户3']);
    expect(await names(`/api/accounts?cf.tags=${encodeURIComponent('集采')}`)).toEqual(['排序客户0']);
    expect(await names('/api/accounts?sort=cf.budget')).toEqual(['排序客户2', '排序客户0', '排序客户4', '排序客户1', '排序客户3']);
    expect(await names('/api/accounts?sort=-cf.budget')).toEqual(['排序客户3', '排序客户1', '排序客户4', '排序客户0', '排序客户2']);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ name: string }>; nextCursor: string | null } = (await filterer.client.get(`/api/accounts?sort=cf.budget&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((a: { name: string }) => a.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(['排序客户2', '排序客户0', '排序客户4', '排序客户1', '排序客户3']);

    expect((await filterer.client.get('/api/accounts?cf.nothing=1')).statusCode).toBe(400);
    expect((await filterer.client.get('/api/accounts?sort=cf.nothing')).statusCode).toBe(400);
    expect((await filterer.client.get(`/api/accounts?cf.tier=${encodeURIComponent("A' or '1'='1")}`)).json().items).toEqual([]);
  });

  it("keeps each tenant's fields apart", async () => {
    const res = await other.admin.client.post('/api/accounts', { name: '别家的客户', custom: { tier: 'A' } });
    expect(res.statusCode).toBe(400);
    expect((await other.admin.client.get(`/api/custom-fields/${tier.id}`)).statusCode).toBe(404);
  });
});
