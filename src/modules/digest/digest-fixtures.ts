// Test factories for the digest: touches, notes and tasks inserted as they would be recorded
// on a given (future) day, so schedule ticks can run after the tenant exists.
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import type { TestServer } from '../../testing/harness.ts';

export function digestFixtures(server: TestServer, tenantId: string) {
  const run = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(server.db.kysely, tenantId, fn);
  return {
    async account(name: string): Promise<string> {
      const id = newId();
      await run((trx) => trx.insertInto('accounts').values({ id, tenant_id: tenantId, name, custom: '{}', updated_at: new Date() }).execute());
      return id;
    },
    async touch(ownerId: string, at: string, subject: string, opts: { body?: string; mood?: string; accountId?: string } = {}): Promise<string> {
      const id = newId();
      await run((trx) =>
        trx
          .insertInto('activities')
          .values({ id, tenant_id: tenantId, owner_id: ownerId, type: 'visit', occurred_at: at, logged_at: at, subject, body: opts.body ?? null, mood: opts.mood ?? null, account_id: opts.accountId ?? null, contact_ids: [], updated_at: new Date() })
          .execute(),
      );
      return id;
    },
    async note(authorId: string, accountId: string, body: string, at: string): Promise<void> {
      await run((trx) => trx.insertInto('notes').values({ id: newId(), tenant_id: tenantId, entity: 'accounts', entity_id: accountId, body, author_id: authorId, created_at: new Date(at), updated_at: new Date(at) }).execute());
    },
    async task(ownerId: string, title: string, dueAt: string): Promise<void> {
      await run((trx) => trx.insertInto('tasks').values({ id: newId(), tenant_id: tenantId, owner_id: ownerId, title, due_at: dueAt, updated_at: new Date() }).execute());
    },
    async setTimeZone(timeZone: string): Promise<void> {
      await server.db.kysely.updateTable('tenants').set({ time_zone: timeZone }).where('id', '=', tenantId).execute();
    },
    async setLocale(userId: string, locale: string): Promise<void> {
      await run((trx) => trx.updateTable('users').set({ locale }).where('id', '=', userId).execute());
    },
  };
}
