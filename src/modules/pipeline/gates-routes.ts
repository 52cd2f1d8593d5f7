// HTTP routes of the tenant's pipeline rules: stage gates, document types, industry gate
// templates and the stage machine's transitions (everyone reads them; admins change them).
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { documentTypesBody, gatesBody, readDocumentTypes, readGates, writeDocumentTypes, writeGates } from './gate-config.ts';
import { applyGateTemplate, applyTemplateBody, listGateTemplates } from './apply-gate-template.ts';
import { readTransitions, transitionsBody, writeTransitions } from './transition-config.ts';

const tags = ['pipeline'];

export const pipelineRulesRoutes: RouteRegistrar = (app, deps) => {
  const db = deps.db.kysely;
  app.get('/api/pipeline/gates', { schema: { tags, summary: 'What entering each stage requires (fields and documents), and the fields a gate may name' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => readGates(trx, req.ctx)),
  );
  app.put('/api/pipeline/gates', { schema: { tags, summary: "Replace the tenant's stage gates (admins)", body: gatesBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => writeGates(trx, req.ctx, req.body)),
  );
  app.get('/api/pipeline/document-types', { schema: { tags, summary: 'Evidence document types with zh-CN and English labels' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => readDocumentTypes(trx, req.ctx)),
  );
  app.put('/api/pipeline/document-types', { schema: { tags, summary: "Replace the tenant's document types (admins; types a gate requires must stay)", body: documentTypesBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => writeDocumentTypes(trx, req.ctx, req.body)),
  );
  app.get('/api/pipeline/gate-templates', { schema: { tags, summary: 'Industry gate templates: medical devices, SaaS, manufacturing, distribution' } }, (req) => listGateTemplates(req.ctx));
  app.post('/api/pipeline/gates/apply-template', { schema: { tags, summary: "Replace the gates with an industry template's and add its document types (admins)", body: applyTemplateBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => applyGateTemplate(trx, req.ctx, req.body)),
  );
  app.get('/api/pipeline/transitions', { schema: { tags, summary: 'The stage machine: allowed moves and who may reopen a closed deal' } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => readTransitions(trx, req.ctx)),
  );
  app.put('/api/pipeline/transitions', { schema: { tags, summary: "Replace the tenant's stage machine (admins; every open stage must still reach won)", body: transitionsBody } }, (req) =>
    inTenant(db, req.ctx.tenantId, (trx) => writeTransitions(trx, req.ctx, req.body)),
  );
};
