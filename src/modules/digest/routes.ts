// HTTP routes of the daily digest: the digests of a date in my scope, and my correction or acceptance of mine.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { listQueryBase } from '../../platform/http/list-params.ts';
import { id, isoDate } from '../../platform/http/schemas.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { acceptDigest, correctDigest, listDigests } from './digests-service.ts';
import './digest-schedule.ts';

const tags = ['digests'];
const params = z.object({ id: id() });

export const digestRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get(
    '/api/digests',
    {
      schema: {
        tags,
        summary: 'Daily digests (18:00, tenant time) of a date for the people in my scope',
        querystring: z.object({ date: isoDate(), userId: id().optional(), limit: listQueryBase.limit, cursor: listQueryBase.cursor }).strict(),
      },
    },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => listDigests(trx, req.ctx, req.query)),
  );
  app.put(
    '/api/digests/:id',
    {
      schema: {
        tags,
        summary: 'Correct my digest (recorded as an edit in the AI suggestion ledger)',
        params,
        body: z.object({ text: z.string().trim().min(1, 'must not be empty').max(10_000) }).strict(),
      },
    },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => correctDigest(trx, req.ctx, req.params.id, req.body.text)),
  );
  app.post('/api/digests/:id/accept', { schema: { tags, summary: 'Accept my digest as written (recorded as adopted)', params } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => acceptDigest(trx, req.ctx, req.params.id)),
  );
};
