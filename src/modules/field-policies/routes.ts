// HTTP routes for field policies (admins only).
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { fieldPolicyFilter, fieldPolicyInput, listFieldPolicies, setFieldPolicy } from './field-policies.ts';

export const fieldPolicyRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['field policies'];

  app.get('/api/field-policies', { schema: { tags, summary: 'Which roles may not see which fields', querystring: fieldPolicyFilter } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => ({ items: await listFieldPolicies(trx, req.ctx, req.query.entity) })),
  );

  app.put('/api/field-policies', { schema: { tags, summary: 'Hide one field from some roles (an empty list shows it to all)', body: fieldPolicyInput } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => setFieldPolicy(trx, req.ctx, req.body)),
  );
};
