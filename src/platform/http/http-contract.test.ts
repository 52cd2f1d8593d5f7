import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server);
});
afterAll(() => server?.stop());

describe('the HTTP contract every endpoint keeps', () => {
  it('reports health with the database engine and version', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: inject('engine'), version: expect.any(String) });
  });

  it('publishes an OpenAPI 3 document and its UI', async () => {
    const doc = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/accounts', '/api/accounts/{id}', '/api/health']));
    expect((await server.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('refuses an oversized body with 413 and writes nothing', async () => {
    const res = await t.admin.client.raw({ method: 'POST', url: '/api/accounts', payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('refuses a non-JSON body with 415', async () => {
    const res = await t.admin.client.raw({ method: 'POST', url: '/api/accounts', payload: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('refuses a NUL character the database cannot store with a 400 and writes nothing', async () => {
    const res = await t.admin.client.post('/api/accounts', { name: '北京\u0000协和' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('NUL') });
    const list = await t.admin.client.get('/api/accounts?limit=200');
    expect(list.json().items.map((a: { name: string }) => a.name)).not.toContain('北京\u0000协和');
  });

  it('answers unknown API routes and malformed ids in the error shape', async () => {
    const missing = await t.admin.client.get('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const badId = await t.admin.client.get('/api/accounts/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.code).toBe('validation_failed');
  });

  it('refuses a cursor that was tampered with', async () => {
    const res = await t.admin.client.get('/api/accounts?cursor=bm90LWEtY3Vyc29y');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/cursor/);
  });
});
