import { afterAll, beforeAll, expect, it } from 'vitest';
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
    const queue = new WriteQueue(trx, await BatchWriter.open(trx, 'opportunities'));
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
