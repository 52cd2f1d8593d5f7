import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;
let manager: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
  manager = await acme.user('manager');
});
afterAll(() => server?.stop());

const putPolicy = (user: TestUser, body: Record<string, unknown>) =>
  user.client.raw({ method: 'PUT', url: '/api/field-policies', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('field policies', () => {
  it('lists the tenant defaults (margin hidden from reps) to admins only', async () => {
    const res = await acme.admin.client.get('/api/field-policies');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual({ entity: 'opportunities', field: 'margin', hiddenFor: ['rep'] });
    expect((await manager.client.get('/api/field-policies')).statusCode).toBe(403);
    expect((await putPolicy(rep, { entity: 'accounts', field: 'industry', hiddenFor: [] })).statusCode).toBe(403);
  });

  it('hides a field from a role in reads, filters and writes, and shows it again', async () => {
    const account = (await rep.client.post('/api/accounts', { name: '深圳人民医院', industry: '医疗器械' })).json();
    const set = await putPolicy(acme.admin, { entity: 'accounts', field: 'industry', hiddenFor: ['rep', 'rep'] });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ entity: 'accounts', field: 'industry', hiddenFor: ['rep'] });

    const seen = (await rep.client.get(`/api/accounts/${account.id}`)).json();
    expect(seen.name).toBe('深圳人民医院');
    expect(seen).not.toHaveProperty('industry');
    expect((await rep.client.get('/api/accounts?industry=x')).statusCode).toBe(403);
    expect((await rep.client.get('/api/accounts?sort=-industry')).statusCode).toBe(403);
    expect((await rep.client.patch(`/api/accounts/${account.id}`, { industry: '改' })).statusCode).toBe(403);
    expect((await acme.admin.client.get(`/api/accounts/${account.id}`)).json().industry).toBe('医疗器械');
    expect((await acme.admin.client.get('/api/field-policies?entity=accounts')).json().items).toEqual([{ entity: 'accounts', field: 'industry', hiddenFor: ['rep'] }]);

    await putPolicy(acme.admin, { entity: 'accounts', field: 'industry', hiddenFor: [] });
    expect((await rep.client.get(`/api/accounts/${account.id}`)).json().industry).toBe('医疗器械');
  });

  it('keeps policies per tenant', async () => {
    await putPolicy(acme.admin, { entity: 'accounts', field: 'region', hiddenFor: ['manager'] });
    const theirManager = await other.user('manager');
    const theirs = (await theirManager.client.post('/api/accounts', { name: '广州客户', region: '华南' })).json();
    expect((await theirManager.client.get(`/api/accounts/${theirs.id}`)).json().region).toBe('华南');
    expect((await other.admin.client.get('/api/field-policies?entity=accounts')).json().items).toEqual([]);
  });

  it('refuses hiding from admins, hiding the id, unknown record types and malformed input', async () => {
    for (const body of [
      { entity: 'accounts', field: 'industry', hiddenFor: ['admin'] },
      { entity: 'accounts', field: 'id', hiddenFor: ['rep'] },
      { entity: 'audit_log', field: 'hash', hiddenFor: ['rep'] },
      { entity: 'accounts', field: "industry'; --", hiddenFor: ['rep'] },
      { entity: 'accounts', field: '行业', hiddenFor: ['rep'] },
      { entity: 'accounts', field: 'industry' },
      { entity: 'accounts', field: 'industry', hiddenFor: ['rep'], extra: true },
    ]) {
      const res = await putPolicy(acme.admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await acme.admin.client.get('/api/field-policies?entity=nothing')).statusCode).toBe(400);
  });

  it('audits every change with before and after', async () => {
    await putPolicy(acme.admin, { entity: 'contacts', field: 'phone', hiddenFor: ['rep'] });
    await putPolicy(acme.admin, { entity: 'contacts', field: 'phone', hiddenFor: ['manager', 'rep'] });
    const rows = await server.db.kysely.selectFrom('audit_log').select(['before', 'after']).where('tenant_id', '=', acme.tenantId).where('action', '=', 'field_policy.changed').orderBy('seq', 'desc').limit(1).execute();
    expect(rows[0]).toMatchObject({ before: { hiddenFor: ['rep'] }, after: { hiddenFor: ['manager', 'rep'] } });
  });
});
