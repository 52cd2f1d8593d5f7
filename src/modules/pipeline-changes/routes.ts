// HTTP for the pipeline-changes view: a period's buckets with totals, and each bucket's deals.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { changesQuery, pipelineChanges } from './changes-summary.ts';
import { changeDealsQuery, pipelineChangeDeals } from './changes-deals.ts';

const tags = ['pipeline'];

export const pipelineChangeRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/api/pipeline/changes', { schema: { tags, summary: 'How the pipeline of a month or quarter changed: start, new, moved in/out, pushed, amount up/down, won, lost, end (counts and amounts)', querystring: changesQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => pipelineChanges(trx, req.ctx, req.query)),
  );
  app.get('/api/pipeline/changes/deals', { schema: { tags, summary: 'The deals in one pipeline-changes bucket, in cursor pages', querystring: changeDealsQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => pipelineChangeDeals(trx, req.ctx, req.query)),
  );
};
