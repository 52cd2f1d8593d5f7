// HTTP routes of the AI suggestion ledger: list suggestions, record a person's decision on
// one, and the adoption / edit / rejection rates per feature.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { listQueryBase, pageSchema } from '../../platform/http/list-params.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { decideSuggestion, decisions, listSuggestions, suggestionMetrics } from '../../platform/llm/ledger.ts';

const feature = z.string().trim().min(1).max(100);
const suggestion = z.object({
  id: z.uuid(),
  feature: z.string(),
  provider: z.string(),
  model: z.string().nullable(),
  inputs: z.unknown(),
  output: z.unknown(),
  status: z.enum(['pending', ...decisions]),
  finalOutput: z.unknown(),
  userId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const rate = z.number().nullable();
const metrics = z.object({
  feature: z.string(),
  total: z.number(),
  pending: z.number(),
  adopted: z.number(),
  edited: z.number(),
  rejected: z.number(),
  adoptionRate: rate,
  editRate: rate,
  rejectionRate: rate,
});
const tags = ['ai'];

export const aiRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get(
    '/api/ai/suggestions',
    {
      schema: {
        tags,
        summary: 'List AI suggestions (newest first) you may see',
        querystring: z.object({ ...listQueryBase, feature: feature.optional(), status: z.enum(['pending', ...decisions]).optional() }).strict(),
        response: { 200: pageSchema(suggestion) },
      },
    },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => listSuggestions(trx, req.ctx, req.query)),
  );
  app.post(
    '/api/ai/suggestions/:id/decision',
    {
      schema: {
        tags,
        summary: 'Record whether the user adopted, edited or rejected a suggestion',
        params: z.object({ id: z.uuid({ message: 'must be a suggestion id (UUID)' }) }),
        body: z.object({ decision: z.enum(decisions), finalOutput: z.unknown().optional() }).strict(),
        response: { 200: suggestion },
      },
    },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => decideSuggestion(trx, req.ctx, req.params.id, req.body.decision, req.body.finalOutput)),
  );
  app.get(
    '/api/ai/metrics',
    {
      schema: {
        tags,
        summary: 'Adoption, edit and rejection rates of AI suggestions per feature',
        querystring: z.object({ feature: feature.optional() }).strict(),
        response: { 200: z.object({ items: z.array(metrics) }) },
      },
    },
    async (req) => ({ items: await inTenant(db, req.ctx.tenantId, (trx) => suggestionMetrics(trx, req.ctx, req.query.feature)) }),
  );
};
