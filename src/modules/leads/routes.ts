// HTTP routes for leads and their conversion into account + contact + opportunity.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { id } from '../../platform/http/schemas.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { leadsResource, leadsService } from './leads-resource.ts';
import { convertLead, convertLeadSchema } from './convert-lead.ts';

export const leadRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, leadsResource, leadsService);
  app.post(
    '/api/leads/:id/convert',
    { schema: { tags: ['leads'], summary: 'Convert a lead into an account (new or existing), a contact and an opportunity, in one step', params: z.object({ id: id() }), body: convertLeadSchema } },
    (req) => inTenant(deps.db.kysely, req.ctx.tenantId, (trx) => convertLead(trx, req.ctx, req.params.id, req.body)),
  );
};
