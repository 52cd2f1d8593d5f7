// HTTP routes of evidence-based forecasting: a deal's evidence (read, add and remove proofs), its
// three scenarios with their flags, the credibility rules (admins) and the decay board (leaders).
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { id } from '../../platform/http/schemas.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { readDealEvidence } from './evidence-state.ts';
import { addProof, addProofInput } from './add-proof.ts';
import { removeProof } from './remove-proof.ts';
import { evidenceSettingsSchema, readEvidenceSettings, writeEvidenceSettings } from './evidence-settings.ts';
import { decayBoard, decayBoardQuery } from './decay-board.ts';
import { readScenarios, scenariosInput, writeScenarios } from './scenarios.ts';
import './decay-schedule.ts';

const tags = ['forecast'];
const dealParams = z.object({ id: id() });
const UPDATE_DOC =
  'An "update" (which resets decay) is the latest of: a change to the deal record (edit or stage move), a customer touch on the deal (an activity other than a note, not in the future), or a proof added to its evidence.';

export const dealEvidenceRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/api/opportunities/:id/evidence', { schema: { tags, summary: "A deal's four evidence stages, proofs, check results and credibility weight", description: UPDATE_DOC, params: dealParams } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => readDealEvidence(trx, req.ctx, req.params.id)),
  );
  app.post(
    '/api/opportunities/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Add a proof (a document on the deal with its date, or an activity on it) to an evidence stage; 422 with the failed checks when it is out of order, in the future or signed without authority',
        params: dealParams,
        body: addProofInput,
      },
    },
    async (req, reply) => reply.status(201).send(await inTenant(db, req.ctx.tenantId, (trx) => addProof(trx, req.ctx, req.params.id, req.body))),
  );
  app.delete('/api/opportunities/:id/evidence/:proofId', { schema: { tags, summary: 'Remove a proof (whoever added it, or a leader)', params: z.object({ id: id(), proofId: id() }) } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => removeProof(trx, req.ctx, req.params.id, req.params.proofId)),
  );
  app.get('/api/opportunities/:id/scenarios', { schema: { tags, summary: "A deal's optimistic / neutral / pessimistic scenarios, each flagged against similar won deals (2σ)", params: dealParams } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => readScenarios(trx, req.ctx, req.params.id)),
  );
  app.put('/api/opportunities/:id/scenarios', { schema: { tags, summary: 'Set the three scenarios (pessimistic ≤ neutral ≤ optimistic amounts; optimistic ≤ neutral ≤ pessimistic close dates, today or later)', params: dealParams, body: scenariosInput } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => writeScenarios(trx, req.ctx, req.params.id, req.body)),
  );
  app.get('/api/deal-evidence/settings', { schema: { tags, summary: 'Credibility weight per evidence stage and the decay curve' } }, (req) => inTenant(db, req.ctx.tenantId, (trx) => readEvidenceSettings(trx, req.ctx)));
  app.put('/api/deal-evidence/settings', { schema: { tags, summary: 'Change the stage weights and decay curve (admins)', body: evidenceSettingsSchema } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => writeEvidenceSettings(trx, req.ctx, req.body)),
  );
  app.get('/api/forecast/decay', { schema: { tags, summary: 'Decayed commits in my scope (managers: their team subtree; executives: all), oldest close date first', description: UPDATE_DOC, querystring: decayBoardQuery } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => decayBoard(trx, req.ctx, req.query)),
  );
};
