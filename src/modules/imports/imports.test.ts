import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { runImport } from './run-import.ts';
import { operator, rowsOf, tempFile } from './import-fixtures.ts';

let server: TestServer;
let other: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  other = await makeTenant(server, '华南制造');
});
afterAll(() => server?.stop());

const importInto = (tenant: TestTenant, entity: string, file: string, extra: Partial<Parameters<typeof runImport>[0]> = {}) =>
  runImport({ db: server.db.kysely, tenantId: tenant.tenantId, actor: operator, entity, file, ...extra });

async function account(tenant: TestTenant, name: string): Promise<string> {
  const res = await tenant.admin.client.post('/api/accounts', { name });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('reading files', () => {
  it('loads a UTF-8 CSV with Chinese headers, emoji and an injection string, owner by email', async () => {
    const t = await makeTenant(server);
    const rep = await t.user('rep');
    const file = tempFile('accounts.csv', `客户名称,行业,区域,负责人邮箱\n上海瑞金医院 🏥,医疗器械,华东,${rep.email.toUpperCase()}\n"Robert'); drop table accounts;--",SaaS软件,华南,\n`);
    const result = await importInto(t, 'accounts', file);
    expect(result).toMatchObject({ status: 'succeeded', totalRows: 2, insertedRows: 2, badRowCount: 0, source: { format: 'csv', encoding: 'utf-8', delimiter: ',' } });
    const rows = await rowsOf(server.db, t.tenantId, 'accounts');
    expect(rows.map((r) => [r.name, r.industry, r.region, r.owner_id])).toEqual([
      ['上海瑞金医院 🏥', '医疗器械', '华东', rep.id],
      ["Robert'); drop table accounts;--", 'SaaS软件', '华南', null],
    ]);
  });

  it('names a row whose cell holds a NUL byte, which the database cannot store, and writes nothing', async () => {
    const t = await makeTenant(server);
    const file = tempFile('accounts-nul.csv', `客户名称,行业\n上海瑞金医院,医疗器械\n北京\u0000协和,医疗器械\n`);
    const result = await importInto(t, 'accounts', file);
    expect(result).toMatchObject({ status: 'failed', insertedRows: 0, badRowCount: 1 });
    expect(result.badRows[0]).toMatchObject({ line: 3, message: expect.stringContaining('NUL') });
    expect(await rowsOf(server.db, t.tenantId, 'accounts')).toEqual([]);
  });

  it('reads UTF-8 with a BOM and semicolons, as European Excel saves it', async () => {
    const t = await makeTenant(server);
    const file = tempFile('accounts.csv', '\ufeffname;industry;region\n"杭州; 萧山医院";医疗器械;华东\n');
    const result = await importInto(t, 'accounts', file);
    expect(result.source).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ';' });
    expect((await rowsOf(server.db, t.tenantId, 'accounts')).map((r) => r.name)).toEqual(['杭州; 萧山医院']);
  });

  it('reads GBK with tabs, as Chinese Excel saves "text" files', async () => {
    const t = await makeTenant(server);
    const text = '客户名称\t行业\t区域\t规模\n北京协和医院\t医疗器械\t华北\t大型\n广州白云机场\t交通\t华南\t集团\n';
    const result = await importInto(t, 'accounts', tempFile('gbk.txt', iconv.encode(text, 'gbk')));
    expect(result.source).toEqual({ format: 'csv', encoding: 'gb18030', delimiter: '\t' });
    const rows = await rowsOf(server.db, t.tenantId, 'accounts');
    expect(rows.map((r) => [r.name, r.region, r.size])).toEqual([
      ['北京协和医院', '华北', 'large'],
      ['广州白云机场', '华南', 'enterprise'],
    ]);
  });

  it('reads an XLSX workbook with number and date cells, naming the account by name', async () => {
    const t = await makeTenant(server);
    await account(t, '深圳迈瑞客户');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('商机');
    ws.addRow(['商机名称', '客户名称', '金额', '预计成交日期', '阶段']);
    ws.addRow(['监护仪采购', '深圳迈瑞客户', 1234567.5, new Date(Date.UTC(2027, 2, 31)), '线索']);
    ws.addRow(['超声设备', '深圳迈瑞客户', '88,000.00', '2027/4/1', 'qualified']);
    const file = tempFile('deals.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const result = await importInto(t, 'opportunities', file);
    expect(result.badRows).toEqual([]);
    expect(result).toMatchObject({ status: 'succeeded', insertedRows: 2, source: { format: 'xlsx' } });
    const rows = await rowsOf(server.db, t.tenantId, 'opportunities');
    expect(rows.map((r) => [r.name, r.amount_cents, r.expected_close_date, r.stage])).toEqual([
      ['监护仪采购', '123456750', '2027-03-31', 'lead'],
      ['超声设备', '8800000', '2027-04-01', 'qualified'],
    ]);
  });

  it('refuses an empty file, a header without rows, a missing required column and broken quotes, writing nothing', async () => {
    const t = await makeTenant(server);
    await expect(importInto(t, 'accounts', tempFile('empty.csv', ''))).rejects.toThrow(/is empty/);
    await expect(importInto(t, 'accounts', tempFile('header.csv', '客户名称,行业\n'))).rejects.toThrow(/no records/);
    await expect(importInto(t, 'opportunities', tempFile('nocol.csv', '商机名称,金额\n设备,100\n'))).rejects.toThrow(/no column for accountId \(客户名称\)/);
    await expect(importInto(t, 'accounts', tempFile('quote.csv', 'name,industry\nok,a\n"broken,b\nmore,c\n'))).rejects.toThrow(/not valid CSV/);
    await expect(importInto(t, 'widgets', tempFile('x.csv', 'a\n1\n'))).rejects.toThrow(/cannot be imported/);
    expect(await rowsOf(server.db, t.tenantId, 'accounts')).toEqual([]);
  });
});

describe('bad rows', () => {
  const badFile = (accountName: string, repEmail: string) =>
    tempFile(
      'bad.csv',
      [
        '商机名称,客户名称,金额,预计成交日期,负责人邮箱',
        `好商机一,${accountName},1000.50,2027-01-31,${repEmail}`,
        `金额错误,${accountName},12.345,2027-01-31,`,
        `,${accountName},100,2027-01-31,`,
        `未知负责人,${accountName},100,2027-01-31,nobody@nowhere.test`,
        `缺列的行,${accountName},100`,
        `好商机二,${accountName},"2,000",2027/2/1,`,
        `不存在的客户,没有这个客户,100,2027-01-31,`,
      ].join('\n'),
    );

  it('writes nothing when any row is bad, and reports every bad line with its column', async () => {
    const t = await makeTenant(server);
    const rep = await t.user('rep');
    await account(t, '上海仁济');
    const result = await importInto(t, 'opportunities', badFile('上海仁济', rep.email));
    expect(result.status).toBe('failed');
    expect(result.insertedRows).toBe(0);
    expect(result.totalRows).toBe(7);
    expect(result.badRows.map((b) => b.line)).toEqual([3, 4, 5, 6, 8]);
    const [amount, name, owner, ragged, acct] = result.badRows.map((b) => b.message);
    expect(amount).toMatch(/^金额: /);
    expect(name).toBe('商机名称: is required');
    expect(owner).toMatch(/负责人邮箱: no user with email "nobody@nowhere.test"/);
    expect(ragged).toMatch(/has 3 cells but the header has 5/);
    expect(acct).toMatch(/客户名称: no account with name "没有这个客户"/);
    expect(await rowsOf(server.db, t.tenantId, 'opportunities')).toEqual([]);
    const history = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('imports').selectAll().where('tenant_id', '=', t.tenantId).execute());
    expect(history).toMatchObject([{ status: 'failed', total_rows: 7, inserted_rows: 0 }]);
    expect((history[0].errors as unknown[]).length).toBe(5);
  });

  it('with skipBadRows loads the good rows, still lists the bad ones, and records one import event', async () => {
    const t = await makeTenant(server);
    const rep = await t.user('rep');
    await account(t, '上海仁济');
    const progress: number[] = [];
    const result = await importInto(t, 'opportunities', badFile('上海仁济', rep.email), { skipBadRows: true, batchSize: 2, onProgress: (p) => progress.push(p.rowsProcessed) });
    expect(result).toMatchObject({ status: 'succeeded', totalRows: 7, insertedRows: 2, badRowCount: 5 });
    expect(result.badRows.map((b) => b.line)).toEqual([3, 4, 5, 6, 8]);
    expect(progress).toEqual([2, 4, 6, 7]);
    const rows = await rowsOf(server.db, t.tenantId, 'opportunities');
    expect(rows.map((r) => [r.name, r.amount_cents, r.owner_id, r.expected_close_date])).toEqual([
      ['好商机一', '100050', rep.id, '2027-01-31'],
      ['好商机二', '200000', null, '2027-02-01'],
    ]);
    const events = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('events').select(['type', 'payload']).where('tenant_id', '=', t.tenantId).where('type', 'like', 'opportunit%').execute());
    expect(events).toEqual([]);
    const done = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('events').select(['entity_id', 'payload']).where('tenant_id', '=', t.tenantId).where('type', '=', 'import.completed').execute());
    expect(done).toEqual([{ entity_id: result.importId, payload: expect.objectContaining({ entity: 'opportunities', totalRows: 7, insertedRows: 2, badRows: 5 }) }]);
  });
});

describe('tenants and roles', () => {
  it('never resolves another tenant’s account or user, by name or by id', async () => {
    const t = await makeTenant(server);
    const foreignId = await account(other, '别家的客户');
    const file = tempFile('foreign.csv', `name,accountId,ownerId\n偷来的商机,别家的客户,\n偷来的商机2,${foreignId},\n偷来的商机3,别家的客户,${other.admin.email}\n`);
    const result = await importInto(t, 'opportunities', file, { skipBadRows: true });
    expect(result.insertedRows).toBe(0);
    expect(result.badRows.map((b) => b.message)).toEqual([
      'accountId: no account with name "别家的客户" in this workspace',
      `accountId: no account with id "${foreignId}" in this workspace`,
      expect.stringMatching(/accountId: no account .*; ownerId: no user with email/),
    ]);
  });

  it('says which of two same-named accounts is meant only by id', async () => {
    const t = await makeTenant(server);
    await account(t, '重名客户');
    const second = await account(t, '重名客户');
    const file = tempFile('dup.csv', `商机名称,客户名称\n甲,重名客户\n乙,${second}\n`);
    const result = await importInto(t, 'opportunities', file, { skipBadRows: true });
    expect(result.badRows).toEqual([{ line: 2, message: '客户名称: "重名客户" matches 2 account records; give the account id instead' }]);
    expect((await rowsOf(server.db, t.tenantId, 'opportunities')).map((r) => r.account_id)).toEqual([second]);
  });

  it('lets leaders import but not reps, and keeps a manager to their own team', async () => {
    const t = await makeTenant(server);
    const team = await t.team('华东大区');
    const manager = await t.user('manager', { teamId: team });
    const ownRep = await t.user('rep', { teamId: team });
    const otherRep = await t.user('rep');
    const file = tempFile('team.csv', `客户名称,负责人邮箱\n本组客户,${ownRep.email}\n别组客户,${otherRep.email}\n`);
    const asRep = { userId: ownRep.id, role: 'rep' as const, teamId: team };
    await expect(importInto(t, 'accounts', file, { actor: asRep })).rejects.toThrow(/may not create imports/);
    const asManager = { userId: manager.id, role: 'manager' as const, teamId: team };
    const result = await importInto(t, 'accounts', file, { actor: asManager, skipBadRows: true });
    expect(result.badRows).toEqual([{ line: 3, message: '负责人邮箱: you may only assign account records to yourself or your team' }]);
    expect((await rowsOf(server.db, t.tenantId, 'accounts')).map((r) => [r.name, r.owner_id])).toEqual([['本组客户', ownRep.id]]);
  });
});

describe('mapping and custom fields', () => {
  it('follows explicit --map entries, ignores unknown columns and says so', async () => {
    const t = await makeTenant(server);
    const file = tempFile('map.csv', '客户全称,备注,所在省份\n成都华西医院,老客户,四川\n');
    const result = await importInto(t, 'accounts', file, { mapping: { 客户全称: 'name', 所在省份: 'region' } });
    expect(result.ignoredColumns).toEqual(['备注']);
    expect((await rowsOf(server.db, t.tenantId, 'accounts')).map((r) => [r.name, r.region])).toEqual([['成都华西医院', '四川']]);
    await expect(importInto(t, 'accounts', file, { mapping: { 客户全称: 'colour' } })).rejects.toThrow(/no field "colour"/);
    await expect(importInto(t, 'accounts', file, { mapping: { 不存在: 'name' } })).rejects.toThrow(/no such column/);
    await expect(importInto(t, 'accounts', tempFile('two.csv', 'name,客户名称\na,b\n'))).rejects.toThrow(/both feed name/);
  });

  it('loads custom fields by cf.<key> or by label, checked by type', async () => {
    const t = await makeTenant(server);
    for (const body of [
      { entity: 'accounts', key: 'tier', label: '医院等级', type: 'select', options: ['三甲', '二甲'] },
      { entity: 'accounts', key: 'beds', label: '床位数', type: 'number' },
      { entity: 'accounts', key: 'tags', label: '标签', type: 'multiselect', options: ['公立', '教学'] },
    ]) {
      expect((await t.admin.client.post('/api/custom-fields', body)).statusCode).toBe(201);
    }
    const file = tempFile('custom.csv', '客户名称,医院等级,cf.beds,标签\n华山医院,三甲,"1,200",公立|教学\n坏医院,四甲,很多,\n');
    const result = await importInto(t, 'accounts', file, { skipBadRows: true });
    expect(result.badRows).toHaveLength(1);
    expect(result.badRows[0].line).toBe(3);
    expect(result.badRows[0].message).toMatch(/医院等级: .*must be one of: 三甲, 二甲/);
    expect(result.badRows[0].message).toMatch(/cf.beds: .*must be a number/);
    const [row] = await rowsOf(server.db, t.tenantId, 'accounts');
    expect(row.custom).toEqual({ tier: '三甲', beds: 1200, tags: ['公立', '教学'] });
  });
});

describe('activities', () => {
  it('reads local times in the tenant’s time zone and resolves the opportunity by name', async () => {
    const t = await makeTenant(server);
    const accountId = await account(t, '苏州客户');
    const opp = await t.admin.client.post('/api/opportunities', { name: '苏州设备商机', accountId });
    expect(opp.statusCode).toBe(201);
    const file = tempFile('acts.csv', '类型,发生时间,主题,客户名称,商机名称,客户态度\n拜访,2026-11-20 14:30,现场演示,苏州客户,苏州设备商机,积极\n');
    const result = await importInto(t, 'activities', file);
    expect(result.status).toBe('succeeded');
    const [row] = await rowsOf(server.db, t.tenantId, 'activities');
    expect(row).toMatchObject({ type: 'visit', subject: '现场演示', mood: 'positive', account_id: accountId, opportunity_id: opp.json().id });
    expect((row.occurred_at as Date).toISOString()).toBe('2026-11-20T06:30:00.000Z');
  });
});

it('finishes an imports record queued by someone else', async () => {
  const t = await makeTenant(server);
  const importId = newId();
  await inTenant(server.db.kysely, t.tenantId, (trx) => trx.insertInto('imports').values({ id: importId, tenant_id: t.tenantId, entity: 'accounts', filename: 'upload.csv', errors: '[]', total_rows: null, created_by: t.admin.id, finished_at: null }).execute());
  const result = await importInto(t, 'accounts', tempFile('q.csv', 'name\n排队的客户\n'), { importId });
  expect(result.importId).toBe(importId);
  const row = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow());
  expect(row).toMatchObject({ status: 'succeeded', total_rows: 1, inserted_rows: 1, filename: 'upload.csv' });
});
