// HTTP routes of the win model: a deal's probability (with reasons, confidence and version),
// its history, annotations; model versions and metrics, retraining and settings (admin).
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { listQueryBase } from '../../platform/http/list-params.ts';
import { id } from '../../platform/http/schemas.ts';
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { currentProbability, scoreHistory, visibleDeal } from './deal-probability.ts';
import { annotatePrediction, annotationCategories, annotationDirections } from './annotate-prediction.ts';
import { getRun, listVersions, requestRetrain, updateSettings } from './model-admin.ts';
import { rescoreDeals } from './train-win-model.ts';
import { priorScore, queueFirstModel } from './first-model.ts';
import './win-model-jobs.ts';

const tags = ['win-model'];
const params = z.object({ id: id() });
const page = z.object({ limit: listQueryBase.limit, cursor: listQueryBase.cursor }).strict();

export const winModelRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;

  /** Scores the deal with the active model; with none yet, queues the first one and answers from the prior meanwhile (without a jobs runtime it trains here). */
  const scoreNow = async (ctx: RequestContext, dealId: string) => {
    const jobs = deps.jobs;
    const training = jobs ? await queueFirstModel({ ...deps, jobs }, ctx) : null;
    if (training) {
      return inTenant(db, ctx.tenantId, async (trx) => ({ ...(await currentProbability(trx, ctx, dealId)), score: await priorScore(trx, ctx, dealId), training }));
    }
    await rescoreDeals(db, ctx.tenantId, [dealId]);
    return inTenant(db, ctx.tenantId, (trx) => currentProbability(trx, ctx, dealId));
  };

  app.get(
    '/api/opportunities/:id/win-probability',
    { schema: { tags, summary: "A deal's current win probability with its reasons, confidence, model version and annotations (scored on first read; while the tenant's first model trains, from the stage prior, with the training run)", params } },
    async (req) => {
      const first = await inTenant(db, req.ctx.tenantId, (trx) => currentProbability(trx, req.ctx, req.params.id));
      if (first.score || first.stage === 'won' || first.stage === 'lost') return first;
      return scoreNow(req.ctx, req.params.id);
    },
  );

  app.post('/api/opportunities/:id/win-probability/rescore', { schema: { tags, summary: 'Score the deal again now with the active model (with none yet, as the first read does)', params } }, async (req) => {
    await inTenant(db, req.ctx.tenantId, async (trx) => {
      authorize(req.ctx, 'win_scores', 'create');
      await visibleDeal(trx, req.ctx, req.params.id);
    });
    return scoreNow(req.ctx, req.params.id);
  });

  app.get('/api/opportunities/:id/win-probability/history', { schema: { tags, summary: "The deal's scores over time, newest first", params, querystring: page } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => scoreHistory(trx, req.ctx, req.params.id, req.query)),
  );

  app.post(
    '/api/opportunities/:id/win-probability/annotations',
    {
      schema: {
        tags,
        summary: 'Annotate the prediction with business context (模型干预权); used by the next training',
        params,
        body: z.object({ category: z.enum(annotationCategories), direction: z.enum(annotationDirections), note: z.string().max(2000).nullable().optional() }).strict(),
      },
    },
    async (req, reply) => {
      const created = await inTenant(db, req.ctx.tenantId, (trx) => annotatePrediction(trx, req.ctx, req.params.id, req.body));
      return reply.code(201).send(created);
    },
  );

  app.get('/api/win-models', { schema: { tags, summary: 'Model versions (newest first) with holdout metrics, the active one, the latest training run and settings', querystring: page } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listVersions(trx, req.ctx, req.query)),
  );

  app.post('/api/win-models/retrain', { schema: { tags, summary: 'Train a new model version now (admin); poll the run for progress' } }, async (req, reply) => reply.code(202).send(await requestRetrain(deps, req.ctx)));

  app.get('/api/win-models/runs/:id', { schema: { tags, summary: 'A training run: status and progress', params } }, (req) => inTenant(db, req.ctx.tenantId, (trx) => getRun(trx, req.ctx, req.params.id)));

  app.put(
    '/api/win-models/settings',
    {
      schema: {
        tags,
        summary: 'Drop-alert threshold (probability points) and competitor names looked for in touches and notes (admin)',
        body: z.object({ dropAlertPoints: z.number().int().min(1).max(100).optional(), competitorWords: z.array(z.string().trim().min(1).max(40)).max(200).optional() }).strict(),
      },
    },
    (req) => inTenant(db, req.ctx.tenantId, (trx) => updateSettings(trx, req.ctx, req.body)),
  );
};
