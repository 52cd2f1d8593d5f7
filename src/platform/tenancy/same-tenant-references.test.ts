// A row may point only at an account or a user of its own tenant: the schema keeps it so for every table, old and new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { inTenant } from './context.ts';
import { newId } from '../ids.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const tenants = (...names: string[]) => Promise.all(names.map((name) => makeTenant(server, name)));

const newAccount = (t: TestTenant, ownerId: string | null = null) =>
  inTenant(server.db.kysely, t.tenantId, async (trx) => {
    const id = newId();
    await trx.insertInto('accounts').values({ id, tenant_id: t.tenantId, name: `客户 ${id.slice(0, 8)}`, owner_id: ownerId, custom: '{}', updated_at: new Date() }).execute();
    return id;
  });

const newContact = (t: TestTenant, accountId: string, ownerId: string | null) =>
  inTenant(server.db.kysely, t.tenantId, async (trx) => {
    const id = newId();
    await trx.insertInto('contacts').values({ id, tenant_id: t.tenantId, account_id: accountId, owner_id: ownerId, name: `联系人 ${id.slice(0, 8)}`, custom: '{}', updated_at: new Date() }).execute();
    return id;
  });

const newTask = (t: TestTenant, accountId: string | null, ownerId: string | null, createdBy = ownerId) =>
  inTenant(server.db.kysely, t.tenantId, async (trx) => {
    const id = newId();
    await trx.insertInto('tasks').values({ id, tenant_id: t.tenantId, title: `任务 ${id.slice(0, 8)}`, account_id: accountId, owner_id: ownerId, created_by: createdBy, updated_at: new Date() }).execute();
    return id;
  });

describe('references to accounts and users stay inside the tenant', () => {
  it('has no single-column key to accounts(id) or users(id) from a table with tenant_id (each must be (tenant_id, col))', async () => {
    const { rows } = await sql<{ offender: string }>`
      select c.conrelid::regclass::text || '.' || col.attname || ' -> ' || c.confrelid::regclass::text || ' (' || c.conname || ')' as offender
      from pg_constraint c
      join pg_attribute col on col.attrelid = c.conrelid and col.attnum = c.conkey[1]
      where c.contype = 'f' and cardinality(c.conkey) = 1
        and c.confrelid in ('accounts'::regclass, 'users'::regclass)
        and exists (select 1 from pg_attribute t where t.attrelid = c.conrelid and t.attname = 'tenant_id' and not t.attisdropped)
      order by 1`.execute(server.db.kysely);
    const offenders = rows.map((r) => r.offender);
    expect(offenders, `make these (tenant_id, col) -> parent (tenant_id, id), as 0760_same_tenant_references.sql does: ${offenders.join('; ')}`).toEqual([]);
  });

  it("refuses a contact under another tenant's account and a task for another tenant's user, even written straight in SQL", async () => {
    const [a, b] = await tenants('甲公司', '乙公司');
    const ours = await newAccount(a);
    const theirs = await newAccount(b);
    await expect(newContact(a, theirs, null)).rejects.toThrow(/contacts_account_id_same_tenant/);
    await expect(newTask(a, ours, b.admin.id, a.admin.id)).rejects.toThrow(/tasks_owner_id_same_tenant/);
    const written = await inTenant(server.db.kysely, a.tenantId, async (trx) => ({
      contacts: await trx.selectFrom('contacts').select('id').where('account_id', '=', theirs).execute(),
      tasks: await trx.selectFrom('tasks').select('id').where('owner_id', '=', b.admin.id).execute(),
    }));
    expect(written).toEqual({ contacts: [], tasks: [] });
  });

  it("refuses an opportunity that points at another tenant's account or owner, even written straight in SQL", async () => {
    const [a, b] = await tenants('甲公司', '乙公司');
    const ours = await newAccount(a);
    const theirs = await newAccount(b);
    const insert = (accountId: string, ownerId: string | null) =>
      inTenant(server.db.kysely, a.tenantId, (trx) =>
        trx.insertInto('opportunities').values({ id: newId(), tenant_id: a.tenantId, account_id: accountId, owner_id: ownerId, name: '越界商机', amount_cents: 0, custom: '{}', updated_at: new Date() }).execute(),
      );
    await expect(insert(theirs, null)).rejects.toThrow(/opportunities_account_same_tenant/);
    await expect(insert(ours, b.admin.id)).rejects.toThrow(/opportunities_owner_same_tenant/);
    const written = await inTenant(server.db.kysely, a.tenantId, (trx) => trx.selectFrom('opportunities').select('id').where('name', '=', '越界商机').execute());
    expect(written).toEqual([]);
  });

  it("clears a deleted user's ownership but keeps the rows in their tenant, and drops the user's sessions", async () => {
    const [a] = await tenants('甲公司');
    const rep = await a.user('rep');
    const account = await newAccount(a, rep.id);
    const contact = await newContact(a, account, rep.id);
    const task = await newTask(a, account, rep.id);
    await inTenant(server.db.kysely, a.tenantId, (trx) => trx.deleteFrom('users').where('id', '=', rep.id).execute());
    const after = await inTenant(server.db.kysely, a.tenantId, async (trx) => ({
      account: await trx.selectFrom('accounts').select(['tenant_id', 'owner_id']).where('id', '=', account).executeTakeFirst(),
      contact: await trx.selectFrom('contacts').select(['tenant_id', 'owner_id']).where('id', '=', contact).executeTakeFirst(),
      task: await trx.selectFrom('tasks').select(['tenant_id', 'owner_id', 'created_by']).where('id', '=', task).executeTakeFirst(),
      sessions: await trx.selectFrom('sessions').select('id').where('user_id', '=', rep.id).execute(),
    }));
    expect(after).toEqual({
      account: { tenant_id: a.tenantId, owner_id: null },
      contact: { tenant_id: a.tenantId, owner_id: null },
      task: { tenant_id: a.tenantId, owner_id: null, created_by: null },
      sessions: [],
    });
  });

  it("takes an account's contacts and tasks with it, and a tenant everything of its own but nothing of another's", async () => {
    const [a, doomed] = await tenants('甲公司', '丙公司');
    const account = await newAccount(a);
    await newContact(a, account, a.admin.id);
    await newTask(a, account, a.admin.id);
    await inTenant(server.db.kysely, a.tenantId, (trx) => trx.deleteFrom('accounts').where('id', '=', account).execute());
    const left = await inTenant(server.db.kysely, a.tenantId, async (trx) => ({
      contacts: await trx.selectFrom('contacts').select('id').where('account_id', '=', account).execute(),
      tasks: await trx.selectFrom('tasks').select('id').where('account_id', '=', account).execute(),
    }));
    expect(left).toEqual({ contacts: [], tasks: [] });

    await newContact(doomed, await newAccount(doomed, doomed.admin.id), doomed.admin.id);
    const kept = await newContact(a, await newAccount(a, a.admin.id), a.admin.id);
    await server.db.kysely.deleteFrom('tenants').where('id', '=', doomed.tenantId).execute();
    const { rows } = await sql<{ users: string; accounts: string; contacts: string }>`select
      (select count(*) from users where tenant_id = ${doomed.tenantId}) as users,
      (select count(*) from accounts where tenant_id = ${doomed.tenantId}) as accounts,
      (select count(*) from contacts where tenant_id = ${doomed.tenantId}) as contacts`.execute(server.db.kysely);
    expect(rows.map((r) => [r.users, r.accounts, r.contacts].map(Number))).toEqual([[0, 0, 0]]);
    const survivor = await inTenant(server.db.kysely, a.tenantId, (trx) => trx.selectFrom('contacts').select('owner_id').where('id', '=', kept).executeTakeFirst());
    expect(survivor).toEqual({ owner_id: a.admin.id });
  });
});
