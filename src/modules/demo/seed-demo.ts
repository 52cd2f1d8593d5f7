// The demo tenant: deterministic (seeded random), realistic Chinese B2B sales data.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { createTenant } from '../../platform/tenancy/create-tenant.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';

export const DEMO_PASSWORD = 'sightline-demo';
export const DEMO_LOGINS = ['admin@demo.local', 'exec@demo.local', 'manager.east@demo.local', 'rep.east1@demo.local'];

export interface SeedOptions {
  log?: (message: string) => void;
}

export async function seedDemo(db: Kysely<Database>, opts: SeedOptions = {}): Promise<{ tenantId: string }> {
  const log = opts.log ?? (() => undefined);
  const { tenantId, adminId } = await createTenant(db, { name: '演示公司 Demo Co.', adminEmail: 'admin@demo.local', adminName: '系统管理员', password: DEMO_PASSWORD, slug: 'demo' });
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTenant(db, tenantId, async (trx) => {
    const now = new Date();
    const execId = newId();
    const companyTeam = newId();
    const eastTeam = newId();
    const managerId = newId();
    const repId = newId();
    await trx.insertInto('teams').values({ id: companyTeam, tenant_id: tenantId, name: '销售中心', parent_id: null, manager_id: null, updated_at: now }).execute();
    await trx.insertInto('teams').values({ id: eastTeam, tenant_id: tenantId, name: '华东大区', parent_id: companyTeam, manager_id: null, updated_at: now }).execute();
    await trx
      .insertInto('users')
      .values([
        { id: execId, tenant_id: tenantId, email: 'exec@demo.local', name: '王总', role: 'executive', team_id: companyTeam, password_hash: hash, updated_at: now },
        { id: managerId, tenant_id: tenantId, email: 'manager.east@demo.local', name: '李经理', role: 'manager', team_id: eastTeam, password_hash: hash, updated_at: now },
        { id: repId, tenant_id: tenantId, email: 'rep.east1@demo.local', name: '张伟', role: 'rep', team_id: eastTeam, password_hash: hash, updated_at: now },
      ])
      .execute();
    await trx.updateTable('teams').set({ manager_id: execId }).where('id', '=', companyTeam).execute();
    await trx.updateTable('teams').set({ manager_id: managerId }).where('id', '=', eastTeam).execute();
    await trx.updateTable('users').set({ team_id: companyTeam }).where('id', '=', adminId).execute();
  });
  log('users and teams created');
  return { tenantId };
}
