// HTTP routes of payment collection (回款): overdue instalments in my scope, collected vs planned per rep or team.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { listOverduePayments, overdueQuery } from './overdue-payments.ts';
import { collectionsMetric, collectionsQuery } from './collections-metric.ts';
import './flag-overdue-payments.ts';

const tags = ['contracts'];

export const collectionRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/api/payments/overdue', { schema: { tags, summary: 'Overdue payment instalments of the contracts I may see, oldest due first', querystring: overdueQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listOverduePayments(trx, req.ctx, req.query)),
  );
  app.get('/api/metrics/collections', { schema: { tags: [...tags, 'metrics'], summary: 'Collected vs planned per rep or team over a date range', querystring: collectionsQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => collectionsMetric(trx, req.ctx, req.query)),
  );
};
