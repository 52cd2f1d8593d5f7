// `sightline tenant create|list`, and how the other data commands open the database, pick
// their tenant (--tenant, else the only one, else the demo tenant) and whom they act as.
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../platform/config.ts';
import { openDb } from '../../app.ts';
import type { Db } from '../../platform/db/connection.ts';
import type { Database } from '../../platform/db/schema.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createTenant } from '../../platform/tenancy/create-tenant.ts';
import { inTenant, type Actor, type Role } from '../../platform/tenancy/context.ts';
import { UUID_RE } from '../../platform/ids.ts';

/** Opens the configured database (migrated), runs fn, and always closes it. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(loadConfig());
  try {
    await migrate(db.pool);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export interface TenantRef {
  id: string;
  name: string;
  slug: string;
}

export async function resolveTenant(db: Kysely<Database>, ref: string | undefined): Promise<TenantRef> {
  const tenants = await db.selectFrom('tenants').select(['id', 'name', 'slug']).orderBy('created_at').execute();
  const listing = () => tenants.map((t) => `  ${t.slug}  ${t.name}  (${t.id})`).join('\n');
  if (ref !== undefined) {
    const found = tenants.find((t) => t.slug === ref || (UUID_RE.test(ref) && t.id === ref.toLowerCase()));
    if (!found) throw new Error(`There is no tenant "${ref}". Tenants:\n${listing() || '  (none)'}`);
    return found;
  }
  if (tenants.length === 1) return tenants[0];
  const demo = tenants.find((t) => t.slug === 'demo');
  if (demo) return demo;
  if (!tenants.length) throw new Error('There are no tenants yet. Create one with `sightline tenant create <name> --admin <email>`.');
  throw new Error(`There are ${tenants.length} tenants; choose one with --tenant <slug-or-id>:\n${listing()}`);
}

/** The command acts as the operator (an admin over the whole tenant), or as the user given by --as. */
export async function cliActor(db: Kysely<Database>, tenant: TenantRef, asEmail: string | undefined): Promise<Actor> {
  if (!asEmail) return { userId: null, role: 'admin', teamId: null, name: 'sightline CLI' };
  const user = await inTenant(db, tenant.id, (trx) =>
    trx
      .selectFrom('users')
      .select(['id', 'role', 'team_id', 'name', 'active'])
      .where('tenant_id', '=', tenant.id)
      .where(({ fn }) => fn('lower', ['email']), '=', asEmail.trim().toLowerCase())
      .executeTakeFirst(),
  );
  if (!user || !user.active) throw new Error(`Tenant ${tenant.slug} has no active user ${asEmail}.`);
  return { userId: user.id, role: user.role as Role, teamId: user.team_id, name: user.name };
}

export function registerTenant(program: Command) {
  const tenant = program.command('tenant').description('create and list tenants');
  tenant
    .command('create <name>')
    .description('create a tenant and its admin; prints the admin password once')
    .requiredOption('--admin <email>', 'email of the first admin')
    .option('--time-zone <zone>', 'IANA time zone for schedules and local times', 'Asia/Shanghai')
    .option('--slug <slug>', 'short name for --tenant (default: generated)')
    .action(async (name: string, opts: { admin: string; timeZone: string; slug?: string }) => {
      if (opts.slug !== undefined && !/^[a-z0-9][a-z0-9-]{1,39}$/.test(opts.slug)) throw new Error('--slug must be 2 to 40 lower-case letters, digits or dashes.');
      await withDb(async (db) => {
        if (opts.slug && (await db.kysely.selectFrom('tenants').select('id').where('slug', '=', opts.slug).executeTakeFirst())) {
          throw new Error(`The slug "${opts.slug}" is taken; choose another.`);
        }
        const created = await createTenant(db.kysely, { name, adminEmail: opts.admin, timeZone: opts.timeZone, slug: opts.slug });
        const row = await db.kysely.selectFrom('tenants').select('slug').where('id', '=', created.tenantId).executeTakeFirstOrThrow();
        console.log(`Tenant created: ${name.trim()}\n  id:       ${created.tenantId}\n  slug:     ${row.slug}\n  admin:    ${opts.admin.trim().toLowerCase()}\n  password: ${created.password}\nThe password is shown only this once; the admin should change it after signing in.`);
      });
    });
  tenant
    .command('list')
    .description('list tenants (slug, name, id)')
    .action(async () => {
      await withDb(async (db) => {
        const rows = await db.kysely.selectFrom('tenants').select(['id', 'name', 'slug']).orderBy('created_at').execute();
        console.log(rows.length ? rows.map((t) => `${t.slug}\t${t.name}\t${t.id}`).join('\n') : 'There are no tenants yet.');
      });
    });
}
