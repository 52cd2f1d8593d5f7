// HTTP routes of the pipeline: opportunities, their stage moves and order lines, and products.
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { id, optionalText } from '../../platform/http/schemas.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { opportunitiesResource, opportunitiesService } from './opportunities-resource.ts';
import { productsResource, productsService } from './products-resource.ts';
import { stageKeys } from './stages.ts';
import { moveStage } from './move-stage.ts';
import { addLine, addLineSchema, listLines, removeLine } from './order-lines.ts';
import { boardQuery, pipelineBoard } from './pipeline-board.ts';
import { stageHistory } from './stage-history.ts';
import { listQueryBase } from '../../platform/http/list-params.ts';

const dealParams = z.object({ id: id() });
const lineParams = z.object({ id: id(), lineId: id() });
const moveStageBody = z.object({ stage: z.enum(stageKeys), reason: optionalText(1000) }).strict();
const historyQuery = z.object({ limit: listQueryBase.limit, cursor: listQueryBase.cursor }).strict();
const tags = ['pipeline'];

export const pipelineRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  registerResource(app, deps, opportunitiesResource, opportunitiesService);
  registerResource(app, deps, productsResource, productsService);

  app.post('/api/opportunities/:id/stage', { schema: { tags, summary: 'Move a deal to another stage (checks the stage machine and its evidence gates)', params: dealParams, body: moveStageBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => moveStage(trx, req.ctx, req.params.id, req.body.stage, req.body.reason)),
  );

  app.get('/api/pipeline/board', { schema: { tags, summary: 'The pipeline board: per stage the deal count, amount sum and first page of deals (continue a column with GET /api/opportunities?stage=…&sort=expectedCloseDate&cursor=…)', querystring: boardQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => pipelineBoard(trx, req.ctx, req.query)),
  );
  app.get('/api/opportunities/:id/stage-history', { schema: { tags, summary: "A deal's stage changes, newest first: from, to, when, who and why", params: dealParams, querystring: historyQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => stageHistory(trx, req.ctx, req.params.id, req.query)),
  );

  app.get('/api/opportunities/:id/lines', { schema: { tags, summary: "List a deal's order lines with their total", params: dealParams } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => listLines(trx, req.ctx, req.params.id)),
  );
  app.post('/api/opportunities/:id/lines', { schema: { tags, summary: 'Add an order line to a deal', params: dealParams, body: addLineSchema } }, async (req, reply) => {
    const line = await inTenant(db, req.ctx.tenantId, (trx) => addLine(trx, req.ctx, req.params.id, req.body));
    return reply.status(201).send(line);
  });
  app.delete('/api/opportunities/:id/lines/:lineId', { schema: { tags, summary: 'Remove an order line from a deal', params: lineParams } }, async (req, reply) => {
    await inTenant(db, req.ctx.tenantId, (trx) => removeLine(trx, req.ctx, req.params.id, req.params.lineId));
    return reply.status(204).send();
  });
};
