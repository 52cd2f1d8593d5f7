// User administration: creating a user with a password (or a generated one shown once),
// changing role/team/active, and deactivating instead of deleting, so owned records keep
// their owner and the audit log its actors. A tenant always keeps one active admin.
import { AppError } from '../../platform/http/errors.ts';
import { resourceService, type ResourceService } from '../../platform/http/resource.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { presentUser, usersResource } from './users-resource.ts';

const isUniqueEmailViolation = (err: unknown) => (err as { code?: string; constraint?: string })?.code === '23505' && (err as { constraint?: string }).constraint === 'users_email';

/** Refuses a change that would leave the tenant without an active admin, or lock the actor out. */
async function assertAdminRemains(trx: Tx, ctx: RequestContext, user: Record<string, unknown>, change: { role?: string; active?: boolean }) {
  const losesAdmin = user.role === 'admin' && user.active === true && ((change.role !== undefined && change.role !== 'admin') || change.active === false);
  if (!losesAdmin) return;
  if (user.id === ctx.actor.userId) throw new AppError('unprocessable', 'You cannot remove your own admin rights or deactivate yourself. Ask another admin.');
  const others = await trx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('role', '=', 'admin').where('active', '=', true).where('id', '!=', user.id as string).limit(1).execute();
  if (others.length === 0) throw new AppError('unprocessable', 'This is the last active admin. Make someone else an admin first.');
}

export function usersService(): ResourceService {
  const base = resourceService(usersResource);
  return {
    ...base,

    async create(trx, ctx, input) {
      authorize(ctx, 'users', 'create');
      const parsed = usersResource.createSchema.parse(input);
      if (parsed.teamId) {
        const team = await trx.selectFrom('teams').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', parsed.teamId).executeTakeFirst();
        if (!team) throw new AppError('unprocessable', `Team ${parsed.teamId} does not exist in your workspace.`, { field: 'teamId' });
      }
      const password = parsed.password ?? generatePassword();
      const id = newId();
      const row = await trx
        .insertInto('users')
        .values({
          id,
          tenant_id: ctx.tenantId,
          email: parsed.email,
          name: parsed.name,
          role: parsed.role,
          team_id: parsed.teamId ?? null,
          hired_on: parsed.hiredOn ?? null,
          locale: parsed.locale,
          password_hash: await hashPassword(password),
          updated_at: new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((err: unknown) => {
          if (isUniqueEmailViolation(err)) throw new AppError('conflict', `${parsed.email} already has an account. Use another email address.`, { field: 'email' });
          throw err;
        });
      const user = presentUser(row);
      await recordEvent(trx, ctx, { type: 'user.created', entity: 'users', entityId: id, after: user });
      // a generated password is shown this once; it is stored only as a hash
      return parsed.password === undefined ? { ...user, generatedPassword: password } : user;
    },

    async update(trx, ctx, id, input) {
      authorize(ctx, 'users', 'update');
      const parsed = usersResource.updateSchema.parse(input);
      await assertAdminRemains(trx, ctx, await base.fetch(trx, ctx, id, true), parsed);
      return base.update(trx, ctx, id, parsed);
    },

    /** Deactivates: the user can no longer sign in, and everything they own stays theirs. */
    async remove(trx, ctx, id) {
      authorize(ctx, 'users', 'delete');
      const user = await base.fetch(trx, ctx, id, true);
      await assertAdminRemains(trx, ctx, user, { active: false });
      if (user.active === false) return;
      await trx.updateTable('users').set({ active: false, updated_at: new Date() }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
      await trx.deleteFrom('sessions').where('tenant_id', '=', ctx.tenantId).where('user_id', '=', id).execute();
      await recordEvent(trx, ctx, { type: 'user.deactivated', entity: 'users', entityId: id, before: { active: true }, after: { active: false } });
    },
  };
}
