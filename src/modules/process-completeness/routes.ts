// HTTP routes of process completeness: the per rep / team dashboard and its drill-down to the offending deals.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { completenessSummary, summaryQuery } from './completeness-summary.ts';
import { offendingDeals, offendingQuery } from './offending-deals.ts';

const tags = ['metrics'];

export const processCompletenessRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get(
    '/api/metrics/process-completeness',
    {
      schema: {
        tags,
        summary: 'Share of open deals with a touch in 14 days, an identified decision maker and a competition note in 30 days, per rep or team',
        querystring: summaryQuery,
      },
    },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => completenessSummary(trx, req.ctx, req.query)),
  );
  app.get('/api/metrics/process-completeness/deals', { schema: { tags, summary: 'The open deals in my scope that fail one process check', querystring: offendingQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => offendingDeals(trx, req.ctx, req.query)),
  );
};
