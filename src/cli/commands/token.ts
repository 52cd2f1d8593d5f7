// `sightline token create`: issues an API token for a user and prints it once.
import type { Command } from 'commander';
import { createApiToken } from '../../modules/auth/routes.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { withDb } from './tenant.ts';

export function registerToken(program: Command) {
  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create an API token for a user; prints the token once')
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "ERP sync"')
    .option('--expires-days <n>', 'days until it expires (default: never)')
    .action(async (flags: { user: string; name: string; expiresDays?: string }) => {
      const days = flags.expiresDays === undefined ? undefined : Number(flags.expiresDays);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new Error('--expires-days must be a whole number from 1 to 3650.');
      const name = flags.name.trim();
      if (!name || name.length > 100) throw new Error('--name must be 1 to 100 characters.');
      await withDb(async (db) => {
        const user = await db.kysely
          .selectFrom('users')
          .select(['id', 'tenant_id', 'team_id', 'name', 'active'])
          .where(({ fn }) => fn('lower', ['email']), '=', flags.user.trim().toLowerCase())
          .executeTakeFirst();
        if (!user || !user.active) throw new Error(`There is no active user ${flags.user}.`);
        // the operator at the console holds admin authority; the token itself acts with the user's own role
        const ctx = { tenantId: user.tenant_id, actor: { userId: user.id, role: 'admin' as const, teamId: user.team_id, name: user.name } };
        const created = await inTenant(db.kysely, user.tenant_id, (trx) => createApiToken(trx, ctx, name, days));
        console.log(`API token "${created.name}" for ${flags.user}${created.expiresAt ? `, expires ${created.expiresAt.toISOString().slice(0, 10)}` : ''}:\n${created.token}\nIt is shown only this once; send it as "Authorization: Bearer <token>".`);
      });
    });
}
