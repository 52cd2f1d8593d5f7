// HTTP for deal warnings: my scope's list, one deal's warnings and checks, the thresholds (admin)
// and an on-demand evaluation of the whole tenant (admin).
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { evaluateWarnings } from './evaluate-warnings.ts';
import { dealWarnings, listWarnings, warningListQuery } from './list-warnings.ts';
import { loadWarningSettings, updateWarningSettings, warningSettingsPatch } from './warning-settings.ts';
import './warning-schedule.ts';

const tags = ['deal-warnings'];

export const dealWarningRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/api/deal-warnings', { schema: { tags, summary: 'Deal warnings on the deals in my scope (open by default), newest first', querystring: warningListQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listWarnings(trx, req.ctx, req.query)),
  );

  app.get('/api/opportunities/:id/warnings', { schema: { tags, summary: "A deal's open warnings with their evidence, and what each check says now", params: z.object({ id: z.uuid() }) } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => dealWarnings(trx, req.ctx, req.params.id)),
  );

  app.get('/api/deal-warnings/settings', { schema: { tags, summary: 'Warning thresholds and the competitor list' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => {
      authorize(req.ctx, 'deal_warning_settings', 'read');
      return loadWarningSettings(trx, req.ctx.tenantId);
    }),
  );

  app.put('/api/deal-warnings/settings', { schema: { tags, summary: 'Change warning thresholds or the competitor list (admin); every open deal is evaluated again', body: warningSettingsPatch } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => {
      authorize(req.ctx, 'deal_warning_settings', 'update');
      return updateWarningSettings(trx, req.ctx, req.body);
    }),
  );

  app.post('/api/deal-warnings/evaluate', { schema: { tags, summary: 'Evaluate every open deal now (admin); the daily run does this at 06:00 tenant time' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => {
      authorize(req.ctx, 'deal_warnings', 'update');
      return evaluateWarnings(trx, req.ctx);
    }),
  );
};
