import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTenant, startTestServer, type TestServer } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { BatchWriter, type RowToWrite } from './batch-writer.ts';
import { WriteQueue } from './write-queue.ts';
import { rowsOf } from './import-fixtures.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

it('keeps the rows the database accepts and names each refused row by its line, across writes', async () => {
  const t = await makeTenant(server);
  const res = await t.admin.client.post('/api/accounts', { name: '上海仁济' });
  const accountId: string = res.json().id;
  const deal = (line: number, account = accountId): RowToWrite => ({ line, columns: { id: newId(), tenant_id: t.tenantId, account_id: account, name: `商机${line}`, amount_cents: '100' } });
  // accounts that do not exist: only the foreign key can tell, so the database refuses these rows
  const batches = [
    [deal(2), deal(3), deal(4, newId()), deal(5)],
    [deal(6), deal(7), deal(8, newId()), deal(9, newId()), deal(10)],
  ];
  const refused = await inTenant(server.db.kysely, t.tenantId, async (trx) => {
    const queue = await WriteQueue.open(trx, await BatchWriter.open(trx, 'opportunities'));
    const seen = [];
    for (const rows of batches) seen.push(...(await queue.add(rows)));
    seen.push(...(await queue.finish()));
    return seen;
  });
  expect(refused.map((r) => r.line).sort((a, b) => a - b)).toEqual([4, 8, 9]);
  for (const r of refused) expect(r.message).toMatch(/referenced record does not exist/);
  const written = await rowsOf(server.db, t.tenantId, 'opportunities');
  expect(written.map((r) => r.name).sort()).toEqual(['商机10', '商机2', '商机3', '商机5', '商机6', '商机7']);
});

it('writes tricky values exactly as given: quotes, backslashes, braces, NULLs in arrays, emoji and Chinese, also in a split write', async () => {
  const t = await makeTenant(server);
  const tricky = ['', ' ', 'NULL', 'null', '"', '\\', '\\"', '""', '{', '}', '{a,b}', 'a,b', "it's", '\\N', 'tab\there', 'line\nbreak', '上海"仁济"医院 🏥', '𠮷野家', '\u00e9\u0301', '  padded  '];
  const policy = (line: number, field: string, hiddenFor?: Array<string | null>): RowToWrite => ({ line, columns: { tenant_id: t.tenantId, entity: 'opportunities', field, ...(hiddenFor ? { hidden_for: hiddenFor } : {}) } });
  const rows = [
    ...tricky.map((value, i) => policy(2 + i, `f${i}:${value}`, [value, null, `${value}${value}`])),
    policy(100, 'empty array', []),
    policy(101, 'default array'),
    // the same key again: the database refuses it, so its write is split down to this row
    policy(102, `f0:${tricky[0]}`, ['dup']),
  ];
  const refused = await inTenant(server.db.kysely, t.tenantId, async (trx) => {
    const queue = await WriteQueue.open(trx, await BatchWriter.open(trx, 'field_policies'));
    return [...(await queue.add(rows)), ...(await queue.finish())];
  });
  expect(refused.map((r) => r.line)).toEqual([102]);
  const written = await inTenant(server.db.kysely, t.tenantId, async (trx) => (await sql<{ field: string; hidden_for: Array<string | null> }>`select field, hidden_for from field_policies where tenant_id = ${t.tenantId}`.execute(trx)).rows);
  const byField = new Map(written.map((r) => [r.field, r.hidden_for]));
  tricky.forEach((value, i) => expect(byField.get(`f${i}:${value}`)).toEqual([value, null, `${value}${value}`]));
  expect(byField.get('empty array')).toEqual([]);
  expect(byField.get('default array')).toEqual([]);

  // scalar columns: text, NULL, a jsonb document and a timestamp, in two column sets
  const accountId: string = (await t.admin.client.post('/api/accounts', { name: '上海仁济' })).json().id;
  const custom = { note: tricky.join('|'), nested: { q: '"\\' } };
  const closedAt = new Date('2026-03-04T05:06:07.089Z');
  const deals: RowToWrite[] = tricky.map((value, i) => {
    const columns = { id: newId(), tenant_id: t.tenantId, account_id: accountId, name: `n${i}:${value}`, amount_cents: '1', ...(i % 2 ? { margin_cents: null, custom: JSON.stringify(custom), closed_at: closedAt } : {}) };
    // every third row names the same columns in another order: still the same column set
    return { line: 200 + i, columns: i % 3 ? columns : Object.fromEntries(Object.entries(columns).reverse()) };
  });
  await inTenant(server.db.kysely, t.tenantId, async (trx) => {
    const queue = await WriteQueue.open(trx, await BatchWriter.open(trx, 'opportunities'));
    expect([...(await queue.add(deals)), ...(await queue.finish())]).toEqual([]);
  });
  const opps = new Map((await rowsOf(server.db, t.tenantId, 'opportunities')).map((r) => [r.name, r]));
  tricky.forEach((value, i) => {
    const row = opps.get(`n${i}:${value}`);
    expect(row).toMatchObject({ margin_cents: null, custom: i % 2 ? custom : {} });
    if (i % 2) expect((row?.closed_at as Date).toISOString()).toBe(closedAt.toISOString());
  });
});
