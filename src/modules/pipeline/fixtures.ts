// Test factories for CRM records made through the API, and evidence documents attached
// directly (as the upload route would), so tests read as product behaviour.
import { expect } from 'vitest';
import type { Client, TestServer } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';

export async function createRecord(client: Client, url: string, body: Record<string, unknown>): Promise<Record<string, unknown> & { id: string }> {
  const res = await client.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export const createAccount = async (client: Client, name = '杭州市第一人民医院') => (await createRecord(client, '/api/accounts', { name })).id;

export async function createDeal(client: Client, body: Record<string, unknown> = {}) {
  const accountId = (body.accountId as string | undefined) ?? (await createAccount(client));
  return createRecord(client, '/api/opportunities', { name: '影像设备采购', amount: '880000.00', ...body, accountId });
}

export async function attachDocuments(server: TestServer, tenantId: string, opportunityId: string, documentTypes: string[]) {
  await inTenant(server.db.kysely, tenantId, (trx) =>
    trx
      .insertInto('attachments')
      .values(
        documentTypes.map((documentType) => ({
          id: newId(),
          tenant_id: tenantId,
          entity: 'opportunities',
          entity_id: opportunityId,
          document_type: documentType,
          filename: `${documentType}.pdf`,
          content_type: 'application/pdf',
          size_bytes: 1024,
          sha256: '0'.repeat(64),
          storage_key: `test/${newId()}`,
        })),
      )
      .execute(),
  );
}

export async function eventsOf(server: TestServer, tenantId: string, entityId: string) {
  return inTenant(server.db.kysely, tenantId, (trx) =>
    trx.selectFrom('events').select(['type', 'payload', 'actor_id']).where('tenant_id', '=', tenantId).where('entity_id', '=', entityId).orderBy('created_at').orderBy('id').execute(),
  );
}
