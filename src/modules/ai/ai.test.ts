// The AI suggestion ledger: what the model (or the offline fallback) said is recorded under the
// provider that really answered; people adopt, edit or reject it once; the rates come from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { suggest } from '../../platform/llm/ledger.ts';
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';

/** A small OpenAI-compatible endpoint on 127.0.0.1 whose answers the test controls. */
let answerWith = 200;
const requests: Array<{ auth?: string; body: { model: string; messages: unknown[] } }> = [];
const llm = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    requests.push({ auth: req.headers.authorization, body: JSON.parse(body) });
    if (req.url !== '/v1/chat/completions' || answerWith !== 200) {
      res.writeHead(answerWith === 200 ? 404 : answerWith).end('model overloaded');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '建议：周五前给华东医疗发送报价单。' } }] }));
  });
});

let server: TestServer;
let tenant: TestTenant;
let rep: TestUser;
let otherRep: TestUser;
beforeAll(async () => {
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
  const { port } = llm.address() as AddressInfo;
  server = await startTestServer({ llm: { baseUrl: `http://127.0.0.1:${port}/v1`, model: 'qwen-test', apiKey: 'sk-test' } });
  tenant = await makeTenant(server, 'AI 租户');
  rep = await tenant.user('rep');
  otherRep = await tenant.user('rep');
});
afterAll(async () => {
  await server.stop();
  await new Promise((r) => llm.close(r));
});

const ctxOf = (u: TestUser): RequestContext => ({ tenantId: tenant.tenantId, actor: { userId: u.id, role: u.role, teamId: null } });
const ask = (u: TestUser, feature: string, text = '客户说预算在年底批下来。下周要再约一次演示。报价需要走审批。') =>
  inTenant(server.db.kysely, tenant.tenantId, (trx) => suggest(server.deps, trx, ctxOf(u), feature, { messages: [{ role: 'user', content: text }] }));

describe('AI suggestions', () => {
  it('ledgers what the OpenAI-compatible model answered, under its provider and model', async () => {
    answerWith = 200;
    const result = await ask(rep, 'next_step');
    expect(result.offline).toBe(false);
    expect(result.text).toContain('报价单');
    expect(result.suggestion).toMatchObject({ feature: 'next_step', provider: 'openai-compatible', model: 'qwen-test', status: 'pending', userId: rep.id, output: { text: result.text } });
    expect(requests.at(-1)).toMatchObject({ auth: 'Bearer sk-test', body: { model: 'qwen-test' } });
  });

  it('when the model answers 500 the offline provider answers, and the ledger says so', async () => {
    answerWith = 500;
    const result = await ask(rep, 'next_step');
    expect(result.offline).toBe(true);
    expect(result.suggestion).toMatchObject({ provider: 'offline', model: null });
    expect(result.text.length).toBeGreaterThan(0);
    answerWith = 200;
  });

  it('lists suggestions by feature, newest first, only the ones the user may see', async () => {
    const mine = await ask(rep, 'summary');
    await ask(otherRep, 'summary');
    const list = await rep.client.get('/api/ai/suggestions?feature=summary');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([mine.suggestion.id]);
    const all = await tenant.admin.client.get('/api/ai/suggestions?feature=summary&limit=1');
    expect(all.json().items).toHaveLength(1);
    const next = await tenant.admin.client.get(`/api/ai/suggestions?feature=summary&limit=1&cursor=${all.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    expect(next.json().items[0].id).not.toBe(all.json().items[0].id);
  });

  it('records adopted, edited and rejected decisions once, and computes the rates', async () => {
    const feature = `digest_${Date.now()}`;
    const none = await rep.client.get(`/api/ai/metrics?feature=${feature}`);
    expect(none.json().items).toEqual([]);
    const [a, b, c, d] = [await ask(rep, feature), await ask(rep, feature), await ask(rep, feature), await ask(rep, feature)];

    const pendingOnly = await rep.client.get(`/api/ai/metrics?feature=${feature}`);
    expect(pendingOnly.json().items[0]).toMatchObject({ total: 4, pending: 4, adoptionRate: null, editRate: null, rejectionRate: null });

    const adopted = await rep.client.post(`/api/ai/suggestions/${a.suggestion.id}/decision`, { decision: 'adopted' });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted', finalOutput: a.suggestion.output, decidedBy: rep.id });
    const edited = await rep.client.post(`/api/ai/suggestions/${b.suggestion.id}/decision`, { decision: 'edited', finalOutput: { text: '改成：周四电话确认预算 🚀' } });
    expect(edited.json()).toMatchObject({ status: 'edited', finalOutput: { text: '改成：周四电话确认预算 🚀' } });
    expect((await rep.client.post(`/api/ai/suggestions/${c.suggestion.id}/decision`, { decision: 'rejected' })).json()).toMatchObject({ status: 'rejected', finalOutput: null });

    const again = await rep.client.post(`/api/ai/suggestions/${a.suggestion.id}/decision`, { decision: 'rejected' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already adopted');

    const metrics = await rep.client.get(`/api/ai/metrics?feature=${feature}`);
    expect(metrics.json().items).toEqual([
      { feature, total: 4, pending: 1, adopted: 1, edited: 1, rejected: 1, adoptionRate: 0.3333, editRate: 0.3333, rejectionRate: 0.3333 },
    ]);
    expect((await rep.client.get(`/api/ai/suggestions?feature=${feature}&status=pending`)).json().items.map((s: { id: string }) => s.id)).toEqual([d.suggestion.id]);
  });

  it('refuses bad decisions and writes nothing', async () => {
    const s = await ask(rep, 'bad_input');
    const url = `/api/ai/suggestions/${s.suggestion.id}/decision`;
    expect((await rep.client.post(url, { decision: 'edited' })).statusCode).toBe(400);
    expect((await rep.client.post(url, { decision: 'maybe' })).statusCode).toBe(400);
    expect((await rep.client.post(url, {})).statusCode).toBe(400);
    expect((await rep.client.post(url, { decision: 'adopted', extra: "'; drop table ai_suggestions; --" })).statusCode).toBe(400);
    expect((await rep.client.post('/api/ai/suggestions/not-a-uuid/decision', { decision: 'adopted' })).statusCode).toBe(400);
    expect((await rep.client.get('/api/ai/suggestions?limit=500')).statusCode).toBe(400);
    expect((await rep.client.get(`/api/ai/metrics?feature=${'长'.repeat(101)}`)).statusCode).toBe(400);
    expect((await otherRep.client.post(url, { decision: 'adopted' })).statusCode).toBe(404);
    const still = await rep.client.get('/api/ai/suggestions?feature=bad_input');
    expect(still.json().items[0].status).toBe('pending');
  });

  it('another tenant cannot see or decide the suggestion', async () => {
    const s = await ask(rep, 'cross_tenant');
    const stranger = await makeTenant(server, '别的租户');
    expect((await stranger.admin.client.post(`/api/ai/suggestions/${s.suggestion.id}/decision`, { decision: 'adopted' })).statusCode).toBe(404);
    expect((await stranger.admin.client.get('/api/ai/suggestions?feature=cross_tenant')).json().items).toEqual([]);
    expect((await stranger.admin.client.get('/api/ai/metrics?feature=cross_tenant')).json().items).toEqual([]);
  });
});
