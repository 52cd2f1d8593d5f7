import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { newId } from '../../platform/ids.ts';
import { createDeal, createRecord } from './fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
});
afterAll(() => server?.stop());

const product = (tenant: TestTenant, body: Record<string, unknown> = {}) =>
  createRecord(tenant.admin.client, '/api/products', { sku: `SKU-${newId().slice(-8)}`, name: '彩色多普勒超声诊断仪', unitPrice: '12345678901.23', ...body });

describe('products', () => {
  it('an admin keeps the catalogue; prices round-trip exactly', async () => {
    const p = await product(acme, { category: '影像' });
    expect(p).toMatchObject({ unitPrice: '12345678901.23', currency: 'CNY', active: true, category: '影像' });
    const patched = (await acme.admin.client.patch(`/api/products/${p.id}`, { unitPrice: 0.1, active: false })).json();
    expect(patched).toMatchObject({ unitPrice: '0.10', active: false });
    expect((await acme.admin.client.get('/api/products?active=false')).json().items.map((x: { id: string }) => x.id)).toContain(p.id);
  });

  it('a rep reads the catalogue but may not change it', async () => {
    const p = await product(acme);
    expect((await rep.client.get(`/api/products/${p.id}`)).statusCode).toBe(200);
    expect((await rep.client.post('/api/products', { sku: 'REP-1', name: 'x', unitPrice: '1' })).statusCode).toBe(403);
    expect((await rep.client.patch(`/api/products/${p.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await rep.client.delete(`/api/products/${p.id}`)).statusCode).toBe(403);
  });

  it('refuses bad input and a duplicate SKU, writing nothing', async () => {
    const tenant = await makeTenant(server, '产品租户');
    await product(tenant, { sku: 'DUP-1' });
    for (const body of [{}, { sku: 'A', name: 'x' }, { sku: 'A', name: 'x', unitPrice: '-1' }, { sku: '', name: 'x', unitPrice: '1' }, { sku: 'A', name: 'x', unitPrice: '1', colour: 'red' }, { sku: 'A', name: 'x', unitPrice: '1', currency: 'yuan' }]) {
      expect((await tenant.admin.client.post('/api/products', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const dup = await tenant.admin.client.post('/api/products', { sku: 'DUP-1', name: '重复', unitPrice: '1' });
    expect(dup.statusCode).toBe(409);
    expect((await tenant.admin.client.get('/api/products')).json().items).toHaveLength(1);
  });
});

describe('order lines', () => {
  it('adds lines priced from the product or overridden, with exact totals, and removes them', async () => {
    const p = await product(acme, { unitPrice: '99.99' });
    const deal = await createDeal(rep.client);
    const first = await rep.client.post(`/api/opportunities/${deal.id}/lines`, { productId: p.id, quantity: '1.5', discountPct: 12.5 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ productId: p.id, quantity: '1.500', unitPrice: '99.99', discountPct: '12.50', lineTotal: '131.24' });
    const second = (await rep.client.post(`/api/opportunities/${deal.id}/lines`, { productId: p.id, quantity: 2, unitPrice: '12345678901.23' })).json();
    expect(second.lineTotal).toBe('24691357802.46');

    const lines = (await rep.client.get(`/api/opportunities/${deal.id}/lines`)).json();
    expect(lines.items.map((l: { id: string }) => l.id)).toEqual([first.json().id, second.id]);
    expect(lines.total).toBe('24691357933.70');

    expect((await rep.client.delete(`/api/opportunities/${deal.id}/lines/${second.id}`)).statusCode).toBe(204);
    expect((await rep.client.delete(`/api/opportunities/${deal.id}/lines/${second.id}`)).statusCode).toBe(404);
    expect((await rep.client.get(`/api/opportunities/${deal.id}/lines`)).json().total).toBe('131.24');
  });

  it('refuses bad quantities, discounts, unknown or foreign products and inactive ones, writing nothing', async () => {
    const p = await product(acme);
    const retired = await product(acme, { active: false });
    const theirs = await product(other);
    const deal = await createDeal(rep.client);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ productId: p.id }, 400],
      [{ productId: p.id, quantity: 0 }, 400],
      [{ productId: p.id, quantity: '-1' }, 400],
      [{ productId: p.id, quantity: '1.2345' }, 400],
      [{ productId: p.id, quantity: 'lots' }, 400],
      [{ productId: p.id, quantity: 1, discountPct: 101 }, 400],
      [{ productId: p.id, quantity: 1, discountPct: '10.005' }, 400],
      [{ productId: p.id, quantity: 1, unitPrice: '1.001' }, 400],
      [{ productId: p.id, quantity: 1, colour: 'red' }, 400],
      [{ productId: 'nope', quantity: 1 }, 400],
      [{ productId: newId(), quantity: 1 }, 422],
      [{ productId: theirs.id, quantity: 1 }, 422],
      [{ productId: retired.id, quantity: 1 }, 422],
    ];
    for (const [body, status] of cases) {
      expect((await rep.client.post(`/api/opportunities/${deal.id}/lines`, body)).statusCode, JSON.stringify(body)).toBe(status);
    }
    expect((await rep.client.get(`/api/opportunities/${deal.id}/lines`)).json()).toMatchObject({ items: [], total: '0.00' });
  });

  it("lines follow the deal's scope: no one outside it reads or changes them", async () => {
    const p = await product(acme);
    const deal = await createDeal(rep.client);
    const line = (await rep.client.post(`/api/opportunities/${deal.id}/lines`, { productId: p.id, quantity: 1 })).json();
    const otherRep = await acme.user('rep');
    expect((await otherRep.client.get(`/api/opportunities/${deal.id}/lines`)).statusCode).toBe(404);
    expect((await otherRep.client.post(`/api/opportunities/${deal.id}/lines`, { productId: p.id, quantity: 1 })).statusCode).toBe(404);
    expect((await otherRep.client.delete(`/api/opportunities/${deal.id}/lines/${line.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.get(`/api/opportunities/${deal.id}/lines`)).statusCode).toBe(404);
    const otherDeal = await createDeal(rep.client);
    expect((await rep.client.delete(`/api/opportunities/${otherDeal.id}/lines/${line.id}`)).statusCode).toBe(404);
    expect((await rep.client.get(`/api/opportunities/${deal.id}/lines`)).json().items).toHaveLength(1);
  });

  it('a product on a deal cannot be deleted from the catalogue', async () => {
    const p = await product(acme);
    const deal = await createDeal(rep.client);
    await rep.client.post(`/api/opportunities/${deal.id}/lines`, { productId: p.id, quantity: 1 });
    const res = await acme.admin.client.delete(`/api/products/${p.id}`);
    expect(res.statusCode).toBe(422);
    expect((await acme.admin.client.get(`/api/products/${p.id}`)).statusCode).toBe(200);
  });
});
