// HTTP routes of the forecast: the roll-up per period and its drill-down, quotas, overrides,
// snapshots, accuracy, and the monthly deviation report with its tags and CSV/PDF export.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { closePeriod, listAccuracy } from './close-period.ts';
import { forecastDeals, forecastDealsQuery } from './forecast-deals.ts';
import { forecastQuery, getForecast } from './get-forecast.ts';
import { setOverride, overrideBody } from './set-override.ts';
import { quotaBody, setQuota } from './set-quota.ts';
import { snapshotBody, takeSnapshot } from './take-snapshot.ts';
import { buildDeviationReport, listDeviations, monthKeySchema } from './deviation-report.ts';
import { addTag, confirmBody, confirmDeviation, listTags, setTagActive, tagBody, tagPatch } from './root-cause-tags.ts';
import { deviationCsv, deviationPdf } from './deviation-export.ts';
import { periodKeySchema } from './periods.ts';
import { fromCents } from '../../platform/money.ts';
import './forecast-schedule.ts';

const tags = ['forecast'];
const idParams = z.object({ id: z.uuid() });
const monthQuery = z.object({ month: monthKeySchema }).strict();

export const forecastRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/api/forecast', { schema: { tags, summary: 'A period’s forecast roll-up in my scope: categories, overrides, quota, attainment and the neutral forecast', querystring: forecastQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => getForecast(trx, req.ctx, req.query)),
  );
  app.get('/api/forecast/deals', { schema: { tags, summary: 'The deals behind a level’s numbers, those that move the neutral forecast most first', querystring: forecastDealsQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => forecastDeals(trx, req.ctx, req.query)),
  );
  app.post('/api/forecast/quotas', { schema: { tags, summary: 'Set a rep’s, team’s or the company’s quota for a period', body: quotaBody } }, (req) => inTenant(db, req.ctx.tenantId, (trx) => setQuota(trx, req.ctx, req.body)));
  app.post('/api/forecast/overrides', { schema: { tags, summary: 'Override (or clear, amount null) a rep’s or sub-team’s commit or best-case number', body: overrideBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => setOverride(trx, req.ctx, req.body)),
  );
  app.post('/api/forecast/snapshots', { schema: { tags, summary: 'Snapshot a period’s forecast now', body: snapshotBody } }, (req) => inTenant(db, req.ctx.tenantId, (trx) => takeSnapshot(trx, req.ctx, req.body.period, 'manual')));
  app.post('/api/forecast/close', { schema: { tags, summary: 'Record an ended period’s accuracy from its mid-period snapshot', body: z.object({ period: periodKeySchema }).strict() } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => closePeriod(trx, req.ctx, req.body.period)),
  );
  app.get('/api/forecast/accuracy', { schema: { tags, summary: 'Past periods’ accuracy of a level (null accuracy: the actual was 0)', querystring: z.object({ node: z.string().regex(/^(company|(team|user):[0-9a-f-]{36})$/).default('company') }).strict() } }, (req) =>
    inTenant(db, req.ctx.tenantId, async (trx) => {
      const [kind, id] = req.query.node === 'company' ? (['company', null] as const) : (req.query.node.split(':') as ['team' | 'user', string]);
      const rows = await listAccuracy(trx, req.ctx, kind, id);
      return { items: rows.map((r) => ({ period: r.period_key, figure: r.figure, forecast: fromCents(r.forecast_cents), actual: fromCents(r.actual_cents), accuracy: r.accuracy === null ? null : Number(r.accuracy), recordedAt: r.recorded_at.toISOString() })) };
    }),
  );
  app.get('/api/forecast/deviations', { schema: { tags, summary: 'The month’s ten largest forecast deviations with proposed and confirmed root causes', querystring: monthQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listDeviations(trx, req.ctx, req.query.month)),
  );
  app.post('/api/forecast/deviations/build', { schema: { tags, summary: 'Build (or rebuild) the month’s deviation report from its mid-month snapshot', body: monthQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => buildDeviationReport(trx, req.ctx, req.body.month)),
  );
  app.post('/api/forecast/deviations/:id/confirm', { schema: { tags, summary: 'The deal owner confirms (or changes) a deviation’s root-cause tags', params: idParams, body: confirmBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => confirmDeviation(trx, req.ctx, req.params.id, req.body)),
  );
  const exportData = (tenantId: string, ctx: Parameters<typeof listDeviations>[1], month: string) =>
    inTenant(db, tenantId, async (trx) => {
      const report = await listDeviations(trx, ctx, month);
      const custom = new Map((await listTags(trx, ctx)).items.map((t) => [t.key, t.label]));
      const tenant = await trx.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow();
      return { report, custom, tenant: tenant.name };
    });
  app.get('/api/forecast/deviations/export.csv', { schema: { tags, summary: 'The deviation report as CSV', querystring: monthQuery } }, async (req, reply) => {
    const { report, custom } = await exportData(req.ctx.tenantId, req.ctx, req.query.month);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="forecast-deviations-${req.query.month}.csv"`).send(deviationCsv(report, custom));
  });
  app.get('/api/forecast/deviations/export.pdf', { schema: { tags, summary: 'The deviation report as PDF', querystring: monthQuery } }, async (req, reply) => {
    const { report, custom, tenant } = await exportData(req.ctx.tenantId, req.ctx, req.query.month);
    const pdf = await deviationPdf(report, custom, { tenant, generatedAt: new Date() });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="forecast-deviations-${req.query.month}.pdf"`).send(pdf);
  });
  app.get('/api/forecast/root-cause-tags', { schema: { tags, summary: 'Root-cause tags: built-in and the tenant’s own' } }, (req) => inTenant(db, req.ctx.tenantId, (trx) => listTags(trx, req.ctx)));
  app.post('/api/forecast/root-cause-tags', { schema: { tags, summary: 'Add a tenant-defined root-cause tag', body: tagBody } }, (req) => inTenant(db, req.ctx.tenantId, (trx) => addTag(trx, req.ctx, req.body)));
  app.patch('/api/forecast/root-cause-tags/:id', { schema: { tags, summary: 'Retire or restore a tenant-defined tag', params: idParams, body: tagPatch } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => setTagActive(trx, req.ctx, req.params.id, req.body)),
  );
};
