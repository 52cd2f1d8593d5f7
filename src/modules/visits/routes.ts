// HTTP for field visits: check-in/out, the visits list, flags and their review, the heat map, the rule thresholds.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { checkinInput, recordCheckin } from './record-checkin.ts';
import { listVisits, visitListQuery } from './list-visits.ts';
import { answerFlag, answerInput, decideFlag, flagListQuery, listFlags, outcomeInput } from './visit-flag-review.ts';
import { heatmapQuery, visitHeatmap } from './visit-heatmap.ts';
import { loadVisitSettings, updateVisitSettings, visitSettingsPatch } from './visit-settings.ts';
import './verify-schedule.ts';

const tags = ['visits'];
const flagParams = z.object({ id: z.uuid() });

export const visitRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/api/checkins', { schema: { tags, summary: 'Record a check-in (opens a visit) or check-out (closes it) with its GPS fix', body: checkinInput } }, async (req, reply) => {
    const result = await inTenant(db, req.ctx.tenantId, (trx) => recordCheckin(trx, req.ctx, req.body));
    return reply.status(req.body.kind === 'in' ? 201 : 200).send(result);
  });

  app.get('/api/visits', { schema: { tags, summary: 'Visits in my scope (filters: ownerId, accountId, from, to as tenant-local dates)', querystring: visitListQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listVisits(trx, req.ctx, req.query)),
  );

  app.get('/api/visits/flags', { schema: { tags, summary: 'Fake-visit flags with their evidence, in my scope', querystring: flagListQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listFlags(trx, req.ctx, req.query)),
  );

  app.post('/api/visits/flags/:id/answer', { schema: { tags, summary: 'The flagged rep answers a flag', params: flagParams, body: answerInput } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => answerFlag(trx, req.ctx, req.params.id, req.body)),
  );

  app.post('/api/visits/flags/:id/outcome', { schema: { tags, summary: "A manager records a flag's outcome", params: flagParams, body: outcomeInput } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => decideFlag(trx, req.ctx, req.params.id, req.body)),
  );

  app.get('/api/visits/heatmap', { schema: { tags, summary: 'Visit density by grid cell and by rep over a period', querystring: heatmapQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => visitHeatmap(trx, req.ctx, req.query)),
  );

  app.get('/api/visits/settings', { schema: { tags, summary: 'Fake-visit rule thresholds (admin)' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => {
      authorize(req.ctx, 'visit_settings', 'read');
      return loadVisitSettings(trx, req.ctx.tenantId);
    }),
  );

  app.put('/api/visits/settings', { schema: { tags, summary: 'Change fake-visit rule thresholds (admin)', body: visitSettingsPatch } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => {
      authorize(req.ctx, 'visit_settings', 'update');
      return updateVisitSettings(trx, req.ctx, req.body);
    }),
  );
};
