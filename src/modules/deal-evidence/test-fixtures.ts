// Small factories for the evidence tests: a sales team, a deal on an account with a decision
// maker and an influencer, activities and documents on the deal, and dates relative to today.
import { expect } from 'vitest';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import type { TestServer, TestTenant, TestUser } from '../../testing/harness.ts';

const DAY = 86_400_000;
/** 'YYYY-MM-DD' n days from today in Shanghai (the test tenants' zone) */
export const shanghaiDay = (n = 0, from = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(from.getTime() + n * DAY));
/** noon in Shanghai on a date */
export const noonOn = (date: string) => new Date(`${date}T04:00:00Z`);

export async function salesTeam(tenant: TestTenant) {
  const manager = await tenant.user('manager', { name: '王经理' });
  const teamId = await tenant.team('华东大区', { managerId: manager.id });
  const rep = await tenant.user('rep', { teamId, name: '陈晓' });
  const outsider = await tenant.user('rep', { name: '外组销售' });
  return { manager, rep, outsider, teamId };
}

export async function dealWithContacts(rep: TestUser, body: Record<string, unknown> = {}, account: Record<string, unknown> = {}) {
  const acc = await rep.client.post('/api/accounts', { name: `瑞金医院 ${newId().slice(-6)}`, ...account });
  expect(acc.statusCode, acc.body).toBe(201);
  const accountId = acc.json<{ id: string }>().id;
  const contact = async (name: string, decisionRole: string) => (await rep.client.post('/api/contacts', { name, accountId, decisionRole })).json<{ id: string }>().id;
  const deal = await rep.client.post('/api/opportunities', { name: '影像科 CT 采购', accountId, amount: '1000000.00', ...body });
  expect(deal.statusCode, deal.body).toBe(201);
  return { accountId, dealId: deal.json<{ id: string }>().id, decisionMaker: await contact('张院长', 'decision_maker'), influencer: await contact('李主任', 'influencer') };
}

export async function activityOn(rep: TestUser, dealId: string, date: string, subject = '方案交流会议纪要', type = 'meeting') {
  const res = await rep.client.post('/api/activities', { type, occurredAt: noonOn(date).toISOString(), subject, opportunityId: dealId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** a document on the deal, inserted as the upload route would store it */
export async function documentOn(server: TestServer, tenantId: string, dealId: string, documentType = 'contract', filename = '采购合同（盖章版）.pdf') {
  const id = newId();
  await inTenant(server.db.kysely, tenantId, (trx) =>
    trx.insertInto('attachments').values({ id, tenant_id: tenantId, entity: 'opportunities', entity_id: dealId, document_type: documentType, filename, content_type: 'application/pdf', size_bytes: 2048, sha256: '0'.repeat(64), storage_key: `test/${id}` }).execute(),
  );
  return id;
}

/** moves a deal's own last change (and creation) back in time, so only what the test adds counts as an update */
export async function backdateDeal(server: TestServer, tenantId: string, dealId: string, date: string) {
  const at = noonOn(date);
  await inTenant(server.db.kysely, tenantId, (trx) => trx.updateTable('opportunities').set({ updated_at: at, created_at: at, stage_changed_at: at }).where('id', '=', dealId).execute());
}

export const evidenceCount = (server: TestServer, tenantId: string, dealId: string) =>
  inTenant(server.db.kysely, tenantId, async (trx) => (await trx.selectFrom('deal_evidence').select((eb) => eb.fn.countAll<string>().as('n')).where('opportunity_id', '=', dealId).executeTakeFirstOrThrow()).n).then(Number);
