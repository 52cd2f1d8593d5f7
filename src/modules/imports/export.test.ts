import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { runExport } from './run-export.ts';
import { runImport } from './run-import.ts';
import { operator, rowsOf, tempFile } from './import-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function exportText(tenant: TestTenant, entity: string, format: 'csv' | 'json', actor = operator, pageSize = 2) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { rows } = await runExport({ db: server.db.kysely, tenantId: tenant.tenantId, actor, entity, format, out, pageSize });
  return { rows, text: Buffer.concat(chunks).toString('utf8') };
}

async function tenantWithAccounts() {
  const t = await makeTenant(server);
  expect((await t.admin.client.post('/api/custom-fields', { entity: 'accounts', key: 'tier', label: '医院等级', type: 'select', options: ['三甲', '二甲'] })).statusCode).toBe(201);
  expect((await t.admin.client.post('/api/custom-fields', { entity: 'accounts', key: 'tags', label: '标签', type: 'multiselect', options: ['公立', '教学'] })).statusCode).toBe(201);
  for (const body of [
    { name: '上海瑞金医院 🏥', industry: '医疗器械', region: '华东', custom: { tier: '三甲', tags: ['公立', '教学'] } },
    { name: 'Acme, "Quoted" Ltd', industry: 'SaaS软件', region: null },
    { name: '多行\n名称', size: 'large' },
  ]) {
    expect((await t.admin.client.post('/api/accounts', body)).statusCode).toBe(201);
  }
  return t;
}

describe('export', () => {
  it('writes CSV with a BOM, every page, and custom fields as cf.<key> columns', async () => {
    const t = await tenantWithAccounts();
    const { rows, text } = await exportText(t, 'accounts', 'csv');
    expect(rows).toBe(3);
    expect(text.startsWith('\ufeffid,name,industry,region,size,billingModel,ownerId,address,lat,lng,createdAt,updatedAt,cf.tier,cf.tags\n')).toBe(true);
    expect(text).toContain('上海瑞金医院 🏥,医疗器械,华东,');
    expect(text).toContain(',三甲,公立|教学\n');
    expect(text).toContain('"Acme, ""Quoted"" Ltd"');
  });

  it('writes a JSON array of API-shaped records, and an empty array for none', async () => {
    const t = await tenantWithAccounts();
    const { text } = await exportText(t, 'accounts', 'json');
    const items = JSON.parse(text) as Array<{ name: string; custom: Record<string, unknown> }>;
    expect(items.map((i) => i.name).sort()).toEqual(['Acme, "Quoted" Ltd', '上海瑞金医院 🏥', '多行\n名称'].sort());
    expect(items.find((i) => i.custom.tier)?.custom).toEqual({ tier: '三甲', tags: ['公立', '教学'] });
    const empty = await makeTenant(server);
    expect(JSON.parse((await exportText(empty, 'opportunities', 'json')).text)).toEqual([]);
  });

  it('exports only what the actor may see', async () => {
    const t = await makeTenant(server);
    const rep = await t.user('rep');
    await t.admin.client.post('/api/accounts', { name: '管理员的客户' });
    await rep.client.post('/api/accounts', { name: '销售自己的客户' });
    const { text } = await exportText(t, 'accounts', 'csv', { userId: rep.id, role: 'rep', teamId: null });
    expect(text).toContain('销售自己的客户');
    expect(text).not.toContain('管理员的客户');
  });

  it('round-trips: what one tenant exports, another imports unchanged', async () => {
    const source = await tenantWithAccounts();
    const target = await makeTenant(server);
    for (const body of [
      { entity: 'accounts', key: 'tier', label: '医院等级', type: 'select', options: ['三甲', '二甲'] },
      { entity: 'accounts', key: 'tags', label: '标签', type: 'multiselect', options: ['公立', '教学'] },
    ]) {
      expect((await target.admin.client.post('/api/custom-fields', body)).statusCode).toBe(201);
    }
    const { text } = await exportText(source, 'accounts', 'csv');
    const result = await runImport({ db: server.db.kysely, tenantId: target.tenantId, actor: operator, entity: 'accounts', file: tempFile('roundtrip.csv', text), mapping: { ownerId: '' } });
    expect(result).toMatchObject({ status: 'succeeded', insertedRows: 3 });
    expect(result.ignoredColumns.sort()).toEqual(['createdAt', 'id', 'ownerId', 'updatedAt']);
    const shape = (rows: Array<Record<string, unknown>>) => rows.map((r) => [r.name, r.industry, r.region, r.size, r.custom]).sort();
    expect(shape(await rowsOf(server.db, target.tenantId, 'accounts'))).toEqual(shape(await rowsOf(server.db, source.tenantId, 'accounts')));
  });
});
