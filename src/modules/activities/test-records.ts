// Test factories for records other modules own (contacts, opportunities), inserted directly so
// these tests do not depend on those modules' routes.
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import type { TestServer } from '../../testing/harness.ts';

export async function insertContact(server: TestServer, tenantId: string, opts: { accountId: string; ownerId: string; name?: string }): Promise<string> {
  const id = newId();
  await inTenant(server.db.kysely, tenantId, (trx) =>
    trx.insertInto('contacts').values({ id, tenant_id: tenantId, account_id: opts.accountId, owner_id: opts.ownerId, name: opts.name ?? '王经理', custom: '{}', updated_at: new Date() }).execute(),
  );
  return id;
}

export async function insertOpportunity(server: TestServer, tenantId: string, opts: { accountId: string; ownerId: string; name?: string }): Promise<string> {
  const id = newId();
  await inTenant(server.db.kysely, tenantId, (trx) =>
    trx.insertInto('opportunities').values({ id, tenant_id: tenantId, account_id: opts.accountId, owner_id: opts.ownerId, name: opts.name ?? '彩超采购项目', amount_cents: 0, custom: '{}', updated_at: new Date(), stage_changed_at: new Date() }).execute(),
  );
  return id;
}
