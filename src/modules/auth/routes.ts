// Sign-in, sign-out, who-am-I, open sign-up, and API token management.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { AppError } from '../../platform/http/errors.ts';
import { inTenant, type RequestContext, type Tx } from '../../platform/tenancy/context.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { newSecret, secretHash } from '../../platform/auth/tokens.ts';
import { forgetCredentials, SESSION_COOKIE } from '../../platform/auth/authenticate.ts';
import { authorize, permissionsFor } from '../../platform/auth/policies.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { createTenant } from '../../platform/tenancy/create-tenant.ts';

const SESSION_DAYS = 14;

const loginBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) }).strict();
const signupBody = z
  .object({ company: z.string().trim().min(1).max(200), email: z.email().max(320), password: z.string().min(8).max(200), name: z.string().trim().min(1).max(100).optional(), timeZone: z.string().max(64).optional() })
  .strict();
const tokenBody = z.object({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() }).strict();

export const authRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/api/auth/login', { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: loginBody } }, async (req, reply) => {
    const user = await db
      .selectFrom('users')
      .select(['id', 'tenant_id', 'password_hash', 'active', 'role', 'name', 'email'])
      .where(({ fn }) => fn('lower', ['email']), '=', req.body.email.toLowerCase())
      .executeTakeFirst();
    const ok = user && user.active && (await verifyPassword(user.password_hash, req.body.password));
    if (!user || !ok) throw new AppError('unauthenticated', 'Email or password is wrong.');
    const secret = newSecret('sls');
    const expires = new Date(Date.now() + SESSION_DAYS * 86400_000);
    await inTenant(db, user.tenant_id, (trx) =>
      trx.insertInto('sessions').values({ id: newId(), tenant_id: user.tenant_id, user_id: user.id, token_hash: secretHash(secret), expires_at: expires }).execute(),
    );
    void reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', expires });
    return { user: { id: user.id, name: user.name, email: user.email, role: user.role } };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) await inTenant(db, req.ctx.tenantId, (trx) => trx.deleteFrom('sessions').where('token_hash', '=', secretHash(secret)).execute());
    forgetCredentials();
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, tenant and permissions' } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => {
      const user = await trx.selectFrom('users').select(['id', 'name', 'email', 'role', 'team_id', 'locale']).where('id', '=', req.ctx.actor.userId ?? '').executeTakeFirstOrThrow();
      const tenant = await trx.selectFrom('tenants').select(['id', 'name', 'time_zone', 'currency']).where('id', '=', req.ctx.tenantId).executeTakeFirstOrThrow();
      return {
        user: { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.team_id, locale: user.locale },
        tenant: { id: tenant.id, name: tenant.name, timeZone: tenant.time_zone, currency: tenant.currency },
        permissions: permissionsFor(req.ctx),
      };
    }),
  );

  app.post('/api/auth/signup', { config: { public: true, rateLimit: { max: 5, timeWindow: '1 hour' } }, schema: { tags: ['auth'], summary: 'Create a tenant and its admin (when SIGHTLINE_SIGNUP=open)', body: signupBody } }, async (req, reply) => {
    if (!deps.config.signupOpen) throw new AppError('forbidden', 'Sign-up is closed on this server. Ask its operator for an account.');
    const t = await createTenant(db, { name: req.body.company, adminEmail: req.body.email, adminName: req.body.name, password: req.body.password, timeZone: req.body.timeZone });
    return reply.status(201).send({ tenantId: t.tenantId, userId: t.adminId });
  });

  app.get('/api/tokens', { schema: { tags: ['auth'], summary: 'List API tokens' } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => {
      authorize(req.ctx, 'api_tokens', 'read');
      const rows = await trx.selectFrom('api_tokens').selectAll().where('tenant_id', '=', req.ctx.tenantId).orderBy('created_at', 'desc').limit(200).execute();
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, userId: r.user_id, hint: r.token_hint, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at })),
        nextCursor: null,
      };
    }),
  );

  app.post('/api/tokens', { schema: { tags: ['auth'], summary: 'Create an API token (shown once)', body: tokenBody } }, async (req, reply) => {
    const created = await inTenant(db, req.ctx.tenantId, (trx) => createApiToken(trx, req.ctx, req.body.name, req.body.expiresInDays));
    return reply.status(201).send(created);
  });

  app.delete('/api/tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke an API token', params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
    await inTenant(db, req.ctx.tenantId, async (trx) => {
      authorize(req.ctx, 'api_tokens', 'delete');
      const row = await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('tenant_id', '=', req.ctx.tenantId).where('id', '=', req.params.id).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
      if (!row) throw new AppError('not_found', 'No active API token with this id.');
      await recordEvent(trx, req.ctx, { type: 'api_token.revoked', entity: 'api_tokens', entityId: req.params.id });
    });
    return reply.status(204).send();
  });
};

export async function createApiToken(trx: Tx, ctx: RequestContext, name: string, expiresInDays?: number) {
  authorize(ctx, 'api_tokens', 'create');
  if (!ctx.actor.userId) throw new AppError('forbidden', 'Only a user can own an API token.');
  const secret = newSecret('slt');
  const id = newId();
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86400_000) : null;
  await trx.insertInto('api_tokens').values({ id, tenant_id: ctx.tenantId, user_id: ctx.actor.userId, name, token_hash: secretHash(secret), token_hint: secret.slice(-4), expires_at: expiresAt }).execute();
  await recordEvent(trx, ctx, { type: 'api_token.created', entity: 'api_tokens', entityId: id, after: { name, expiresAt } });
  return { id, name, token: secret, expiresAt };
}
