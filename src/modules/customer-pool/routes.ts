// HTTP routes of the customer pool (公海): rules (admin), the pool list, claim, release, assign.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { id, optionalText } from '../../platform/http/schemas.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { poolSettingsSchema, readPoolSettings, writePoolSettings } from './pool-settings.ts';
import { listPool, poolQuery } from './list-pool.ts';
import { claimAccount } from './claim-account.ts';
import { releaseAccount } from './release-account.ts';
import { assignAccount } from './assign-account.ts';
import './recycle-schedule.ts';

const tags = ['customer-pool'];
const poolParams = z.object({ accountId: id() });

export const customerPoolRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/api/customer-pool/settings', { schema: { tags, summary: 'The pool rules: recycle days (per size), claim limit, protection, cooldown' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => readPoolSettings(trx, req.ctx)),
  );
  app.put('/api/customer-pool/settings', { schema: { tags, summary: 'Change the pool rules (admins)', body: poolSettingsSchema } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => writePoolSettings(trx, req.ctx, req.body)),
  );
  app.get('/api/customer-pool', { schema: { tags, summary: 'Accounts in the pool (no owner), by name', querystring: poolQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listPool(trx, req.ctx, req.query)),
  );
  app.post('/api/customer-pool/:accountId/claim', { schema: { tags, summary: 'Claim a pool account (claim limit and re-claim cooldown apply)', params: poolParams } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => claimAccount(trx, req.ctx, req.params.accountId)),
  );
  app.post('/api/customer-pool/:accountId/assign', { schema: { tags, summary: 'Assign a pool account to someone in your team (managers)', params: poolParams, body: z.object({ userId: id() }).strict() } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => assignAccount(trx, req.ctx, req.params.accountId, req.body.userId)),
  );
  app.post(
    '/api/accounts/:id/release',
    { schema: { tags, summary: 'Release an account to the pool (its owner, or their leader)', params: z.object({ id: id() }), body: z.object({ note: optionalText(500) }).strict().optional() } },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => releaseAccount(trx, req.ctx, req.params.id, req.body?.note ?? undefined)),
  );
};
