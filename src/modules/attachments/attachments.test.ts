import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { multipart } from '../../testing/multipart.ts';

const MAX = 2 * 1024 * 1024;
let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;
let outsider: TestUser;
let accountId: string;

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: MAX });
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
  outsider = await acme.user('rep');
  accountId = (await rep.client.post('/api/accounts', { name: '上海瑞金医院' })).json().id;
});
afterAll(() => server?.stop());

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2000)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from('[Content_Types].xml word/document.xml'), crypto.randomBytes(500)]);

const upload = (user: TestUser, file: { filename: string; content: Buffer }, fields: Record<string, string> = {}) => {
  const body = multipart([
    { name: 'entity', value: 'accounts' },
    { name: 'entityId', value: accountId },
    { name: 'documentType', value: 'price_comparison' },
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', ...file },
  ].filter((p, i, all) => all.findLastIndex((q) => q.name === p.name) === i));
  return user.client.raw({ method: 'POST', url: '/api/attachments', ...body });
};
const listFor = (user: TestUser, id = accountId) => user.client.get(`/api/attachments?entity=accounts&entityId=${id}`);

describe('attachments', () => {
  it('stores a file with its hash and gives it back under its Chinese name', async () => {
    const res = await upload(rep, { filename: '比价表（最终版）.pdf', content: PDF });
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({ entity: 'accounts', entityId: accountId, documentType: 'price_comparison', filename: '比价表（最终版）.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, uploadedBy: rep.id });
    expect(att.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'));
    expect(att).not.toHaveProperty('storageKey');

    const download = await rep.client.get(`/api/attachments/${att.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('比价表（最终版）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);

    const list = (await listFor(rep)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(att.id);
    expect(list.nextCursor).toBeNull();
  });

  it('keeps the bytes under a tenant-prefixed key', async () => {
    const att = (await upload(rep, { filename: 'minutes.txt', content: Buffer.from('会议纪要：确认采购意向。') }, { documentType: 'minutes' })).json();
    const row = await server.db.kysely.selectFrom('attachments').select('storage_key').where('id', '=', att.id).executeTakeFirstOrThrow();
    expect(row.storage_key.startsWith(`${acme.tenantId}/`)).toBe(true);
  });

  it('accepts Office files, CSV and images whose content matches', async () => {
    expect((await upload(rep, { filename: '技术对比.docx', content: DOCX }, { documentType: 'tech_comparison' })).json().contentType).toContain('wordprocessingml');
    expect((await upload(rep, { filename: 'leads.csv', content: Buffer.from('名称,金额\n瑞金,100\n') })).statusCode).toBe(201);
    expect((await upload(rep, { filename: 'photo.JPG', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) })).statusCode).toBe(201);
  });

  it('accepts a file over a megabyte and refuses one over the limit with 413, keeping nothing', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1.5 * 1024 * 1024, 0x41)]);
    expect((await upload(rep, { filename: 'big.pdf', content: big })).statusCode).toBe(201);
    const before = (await listFor(rep)).json().items.length;
    const tooBig = await upload(rep, { filename: 'huge.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX + 10, 0x41)]) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: MAX } });
    expect(tooBig.json().error.message).toContain('2 MB');
    expect((await listFor(rep)).json().items.length).toBe(before);
  });

  it('refuses types outside the allow-list and files whose content does not match the extension with 415', async () => {
    const before = (await listFor(rep)).json().items.length;
    for (const file of [
      { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00') },
      { filename: 'invoice.pdf', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00') },
      { filename: 'chart.png', content: PDF },
      { filename: 'report.docx', content: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('payload.exe')]) },
      { filename: 'notes.txt', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]) },
      { filename: 'page.html', content: Buffer.from('<script>alert(1)</script>') },
    ]) {
      const res = await upload(rep, file);
      expect(res.statusCode, file.filename).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    expect((await listFor(rep)).json().items.length).toBe(before);
  });

  it('refuses missing parts, empty files, bad fields and records the uploader cannot see', async () => {
    const bad = [
      await rep.client.raw({ method: 'POST', url: '/api/attachments', ...multipart([{ name: 'entity', value: 'accounts' }]) }),
      await upload(rep, { filename: 'empty.pdf', content: Buffer.alloc(0) }),
      await upload(rep, { filename: 'a.pdf', content: PDF }, { entity: 'payments' }),
      await upload(rep, { filename: 'a.pdf', content: PDF }, { entityId: "1' or '1'='1" }),
      await upload(rep, { filename: 'a.pdf', content: PDF }, { documentType: '' }),
      await rep.client.post('/api/attachments', { entity: 'accounts' }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 415]);
    expect((await upload(outsider, { filename: 'a.pdf', content: PDF })).statusCode).toBe(422);
    expect((await upload(other.admin, { filename: 'a.pdf', content: PDF })).statusCode).toBe(422);
  });

  it("hides a record's files from people who cannot see the record, and from other tenants", async () => {
    const att = (await upload(rep, { filename: '合同.pdf', content: PDF }, { documentType: 'contract' })).json();
    for (const user of [outsider, other.admin]) {
      expect((await listFor(user)).statusCode).toBe(404);
      expect((await user.client.get(`/api/attachments/${att.id}`)).statusCode).toBe(404);
      expect((await user.client.get(`/api/attachments/${att.id}/content`)).statusCode).toBe(404);
      expect((await user.client.delete(`/api/attachments/${att.id}`)).statusCode).toBe(404);
    }
    expect((await acme.admin.client.get(`/api/attachments/${att.id}/content`)).statusCode).toBe(200);
    const contracts = (await rep.client.get(`/api/attachments?entity=accounts&entityId=${accountId}&documentType=contract`)).json().items;
    expect(contracts.every((a: { documentType: string }) => a.documentType === 'contract')).toBe(true);
    expect((await rep.client.get('/api/attachments')).statusCode).toBe(400);
  });

  it('pages through a record’s files', async () => {
    const account = (await rep.client.post('/api/accounts', { name: '分页附件客户' })).json().id;
    for (let i = 0; i < 5; i++) await upload(rep, { filename: `第${i}份.txt`, content: Buffer.from(`内容${i}`) }, { entityId: account });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ filename: string }>; nextCursor: string | null } = (await rep.client.get(`/api/attachments?entity=accounts&entityId=${account}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((a) => a.filename));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['第4份.txt', '第3份.txt', '第2份.txt', '第1份.txt', '第0份.txt']);
  });

  it('deletes the row and the bytes; only the uploader or a manager may', async () => {
    const att = (await upload(rep, { filename: 'old.pdf', content: PDF })).json();
    const key = (await server.db.kysely.selectFrom('attachments').select('storage_key').where('id', '=', att.id).executeTakeFirstOrThrow()).storage_key;
    expect((await acme.admin.client.delete(`/api/attachments/${att.id}`)).statusCode).toBe(204);
    expect((await rep.client.get(`/api/attachments/${att.id}`)).statusCode).toBe(404);
    await expect(new Promise((resolve, reject) => server.deps.files.get(key).once('error', reject).once('open', resolve))).rejects.toThrow(/ENOENT/);

    const byAdmin = (await upload(acme.admin, { filename: 'admin.pdf', content: PDF })).json();
    expect((await rep.client.delete(`/api/attachments/${byAdmin.id}`)).statusCode).toBe(403);
  });
});
