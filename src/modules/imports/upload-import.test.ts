import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant } from '../../testing/harness.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from '../../platform/jobs/jobs-test-server.ts';
import { multipart } from '../../testing/multipart.ts';

let server: JobsTestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startJobsTestServer();
  t = await makeTenant(server, '上传导入');
  server.tenants.push(t.tenantId);
});
afterAll(() => server?.stop());

const upload = (csv: string, query: string) =>
  t.admin.client.raw({ method: 'POST', url: `/api/imports?${query}`, ...multipart([{ name: 'file', filename: '客户.csv', content: Buffer.from(csv) }]) });

async function finished(id: string) {
  let body: { status: string } = { status: 'queued' };
  await waitFor(async () => {
    body = (await t.admin.client.get(`/api/imports/${id}`)).json();
    return body.status === 'succeeded' || body.status === 'failed';
  }, 20_000);
  return body as Record<string, unknown>;
}

describe('importing an uploaded file in the background', () => {
  it('queues the upload, runs it as a job and reports progress and the result', async () => {
    const csv = ['客户名称,行业,区域', ...Array.from({ length: 30 }, (_, i) => `上传客户${i},医疗器械,华东`)].join('\n');
    const res = await upload(csv, 'entity=accounts');
    expect(res.statusCode).toBe(202);
    const done = await finished(res.json().id);
    expect(done.errors).toEqual([]);
    expect(done).toMatchObject({ status: 'succeeded', totalRows: 30, insertedRows: 30, badRowCount: 0, filename: '客户.csv' });
    expect(done.progress).toBe(1);
    expect(done.bytesTotal).toBe(Buffer.byteLength(csv));
    const list = (await t.admin.client.get('/api/accounts?q=上传客户&limit=100')).json().items;
    expect(list).toHaveLength(30);
  });

  it('loads nothing from a file with bad rows and lists each bad line', async () => {
    const csv = ['客户名称,区域,规模', '好客户,华东,large', ',华南,small', '坏规模,华北,gigantic'].join('\n');
    const done = await finished((await upload(csv, 'entity=accounts')).json().id);
    expect(done.status).toBe('failed');
    expect(done.insertedRows).toBe(0);
    expect((done.errors as Array<{ line: number }>).map((e) => e.line)).toEqual([3, 4]);
    expect((await t.admin.client.get('/api/accounts?q=好客户')).json().items).toHaveLength(0);
  });

  it('loads the good rows with skipBadRows', async () => {
    const csv = ['客户名称,规模', '跳过坏行A,large', '跳过坏行B,gigantic'].join('\n');
    const done = await finished((await upload(csv, 'entity=accounts&skipBadRows=true')).json().id);
    expect(done).toMatchObject({ status: 'succeeded', insertedRows: 1, badRowCount: 1 });
  });

  it('refuses other file types, unknown entities, and reps', async () => {
    const pdf = await t.admin.client.raw({ method: 'POST', url: '/api/imports?entity=accounts', ...multipart([{ name: 'file', filename: 'x.pdf', content: Buffer.from('%PDF') }]) });
    expect(pdf.statusCode).toBe(415);
    expect((await upload('a', 'entity=planets')).statusCode).toBe(400);
    const rep = await t.user('rep');
    const res = await rep.client.raw({ method: 'POST', url: '/api/imports?entity=accounts', ...multipart([{ name: 'file', filename: 'a.csv', content: Buffer.from('客户名称\nA') }]) });
    expect(res.statusCode).toBe(403);
  });

  it('reports an empty file as a failed import with the reason', async () => {
    const done = await finished((await upload('', 'entity=accounts')).json().id);
    expect(done.status).toBe('failed');
    expect(JSON.stringify(done.errors)).toMatch(/empty/);
  });
});
