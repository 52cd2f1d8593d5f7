import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount, createRecord, eventsOf } from '../pipeline/fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let rep: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  rep = await acme.user('rep');
});
afterAll(() => server?.stop());

const newLead = (body: Record<string, unknown> = {}) =>
  createRecord(rep.client, '/api/leads', { name: '周主任', company: `无锡第二人民医院 ${newId().slice(-6)}`, title: '信息科主任', phone: '+86 139 1234 5678', industry: '医疗', region: '华东', ...body });

const notesOn = (entity: string, entityId: string) =>
  inTenant(server.db.kysely, acme.tenantId, (trx) => trx.selectFrom('notes').select(['body', 'author_id', 'created_at']).where('entity', '=', entity).where('entity_id', '=', entityId).execute());

async function addNote(leadId: string, body: string) {
  await inTenant(server.db.kysely, acme.tenantId, (trx) =>
    trx.insertInto('notes').values({ id: newId(), tenant_id: acme.tenantId, entity: 'leads', entity_id: leadId, body, author_id: rep.id, created_at: new Date('2026-10-01T09:00:00+08:00'), updated_at: new Date() }).execute(),
  );
}

const countAccounts = async (tenant: TestTenant, q: string) => (await tenant.admin.client.get(`/api/accounts?q=${encodeURIComponent(q)}`)).json().items.length;

describe('converting a lead', () => {
  it('creates account, contact and opportunity in one step and keeps the lead and its history', async () => {
    const lead = await newLead();
    await rep.client.patch(`/api/leads/${lead.id}`, { status: 'working' });
    await addNote(lead.id, '首次拜访：预算约一千二百万 📝');
    const res = await rep.client.post(`/api/leads/${lead.id}/convert`, { opportunity: { name: 'HIS 系统升级', amount: '12345678901.23', expectedCloseDate: '2027-03-31' } });
    expect(res.statusCode, res.body).toBe(200);
    const { lead: converted, account, contact, opportunity } = res.json();

    expect(account).toMatchObject({ name: lead.company, industry: '医疗', region: '华东', ownerId: rep.id });
    expect(contact).toMatchObject({ name: '周主任', title: '信息科主任', phone: '+86 139 1234 5678', accountId: account.id, ownerId: rep.id });
    expect(opportunity).toMatchObject({ name: 'HIS 系统升级', amount: '12345678901.23', expectedCloseDate: '2027-03-31', stage: 'qualified', accountId: account.id, leadId: lead.id, ownerId: rep.id });
    expect(converted).toMatchObject({ status: 'converted', convertedAccountId: account.id, convertedContactId: contact.id, convertedOpportunityId: opportunity.id });
    expect(converted.convertedAt).not.toBeNull();
    expect((await rep.client.get(`/api/leads/${lead.id}`)).json().status).toBe('converted');

    for (const [entity, id] of [['leads', lead.id], ['accounts', account.id], ['opportunities', opportunity.id]]) {
      const notes = await notesOn(entity, id);
      expect(notes.map((n) => n.body), entity).toEqual(['首次拜访：预算约一千二百万 📝']);
      expect(notes[0].author_id).toBe(rep.id);
      expect(notes[0].created_at.toISOString()).toBe('2026-10-01T01:00:00.000Z');
    }

    expect((await eventsOf(server, acme.tenantId, lead.id)).map((e) => e.type)).toEqual(['lead.created', 'lead.updated', 'lead.converted']);
    const convertedEvent = (await eventsOf(server, acme.tenantId, lead.id)).at(-1);
    expect(convertedEvent?.payload).toMatchObject({ accountId: account.id, accountCreated: true, contactId: contact.id, opportunityId: opportunity.id, notesCopied: 1 });
    expect((await eventsOf(server, acme.tenantId, opportunity.id)).map((e) => e.type)).toEqual(['opportunity.created']);
  });

  it('joins an existing account when named, and names the deal after the company by default', async () => {
    const accountId = await createAccount(rep.client, '已有客户集团');
    const lead = await newLead();
    const res = await rep.client.post(`/api/leads/${lead.id}/convert`, { accountId });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.account.id).toBe(accountId);
    expect(body.contact.accountId).toBe(accountId);
    expect(body.opportunity).toMatchObject({ accountId, name: `${lead.company as string} 商机`, amount: '0.00' });
    expect(await countAccounts(acme, lead.company as string)).toBe(0);
  });

  it('converting twice is a conflict, and a converted lead can no longer be edited', async () => {
    const lead = await newLead();
    const first = (await rep.client.post(`/api/leads/${lead.id}/convert`, {})).json();
    const again = await rep.client.post(`/api/leads/${lead.id}/convert`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ opportunityId: first.opportunity.id });
    expect(await countAccounts(acme, lead.company as string)).toBe(1);
    expect((await rep.client.patch(`/api/leads/${lead.id}`, { status: 'new' })).statusCode).toBe(409);
    expect((await rep.client.get(`/api/leads/${lead.id}`)).json().status).toBe('converted');
  });

  it('a disqualified lead is not converted', async () => {
    const lead = await newLead({ status: 'disqualified' });
    expect((await rep.client.post(`/api/leads/${lead.id}/convert`, {})).statusCode).toBe(409);
  });

  it('writes nothing when any part of the conversion fails', async () => {
    const company = `坏电话公司 ${newId().slice(-6)}`;
    const leadId = newId();
    await inTenant(server.db.kysely, acme.tenantId, (trx) =>
      trx.insertInto('leads').values({ id: leadId, tenant_id: acme.tenantId, name: '吴总', company, phone: 'call me maybe', owner_id: rep.id, updated_at: new Date() }).execute(),
    );
    const res = await rep.client.post(`/api/leads/${leadId}/convert`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('phone');
    expect(await countAccounts(acme, company)).toBe(0);
    expect((await rep.client.get(`/api/leads/${leadId}`)).json()).toMatchObject({ status: 'new', convertedAccountId: null });
  });

  it("refuses bad bodies, accounts the rep cannot see, and other people's leads", async () => {
    const lead = await newLead();
    for (const body of [{ accountId: 'abc' }, { opportunity: { amount: '1.234' } }, { opportunity: { stage: 'won' } }, { colour: 'red' }, { opportunity: { name: '' } }]) {
      expect((await rep.client.post(`/api/leads/${lead.id}/convert`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const other = await makeTenant(server, '华南制造');
    const theirAccount = await createAccount(other.admin.client);
    expect((await rep.client.post(`/api/leads/${lead.id}/convert`, { accountId: theirAccount })).statusCode).toBe(404);
    const colleaguesAccount = await createAccount(acme.admin.client, '管理员的客户');
    expect((await rep.client.post(`/api/leads/${lead.id}/convert`, { accountId: colleaguesAccount })).statusCode).toBe(404);
    expect((await rep.client.post(`/api/leads/${lead.id}/convert`, { accountId: newId() })).statusCode).toBe(404);
    expect((await other.admin.client.post(`/api/leads/${lead.id}/convert`, {})).statusCode).toBe(404);
    const otherRep = await acme.user('rep');
    expect((await otherRep.client.post(`/api/leads/${lead.id}/convert`, {})).statusCode).toBe(404);
    expect((await rep.client.get(`/api/leads/${lead.id}`)).json().status).toBe('new');
    expect(await countAccounts(acme, lead.company as string)).toBe(0);
  });
});
