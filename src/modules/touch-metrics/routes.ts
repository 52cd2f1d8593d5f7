// HTTP for the touch-logging metric; importing the reminders registers their job and subscriber.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { touchLogging, touchLoggingQuery } from './touch-logging.ts';
import './touch-reminders.ts';

export const touchMetricRoutes: RouteRegistrar = (app, deps) => {
  app.get(
    '/api/metrics/touch-logging',
    { schema: { tags: ['metrics'], summary: 'Share of touches logged within 15 minutes, per rep or team (from/to: tenant-local dates, default the last 30 days)', querystring: touchLoggingQuery } },
    (req) => inTenant(deps.db.kysely, req.ctx.tenantId, (trx) => touchLogging(trx, req.ctx, req.query)),
  );
};
