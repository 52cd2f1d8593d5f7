// Admins edit what entering each stage requires (fields and evidence documents) and the
// tenant's list of document types; both are validated together so a gate never names a
// field or document type the tenant does not have.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/http/errors.ts';
import { name } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { stageKeys } from './stages.ts';
import type { DocumentType, FieldLabels, StageGate } from './stage-gates.ts';
import { gateFieldLabels } from './gate-fields.ts';
import { loadPipelineConfig, readPipelineConfig, savePipelineSettings, type PipelineConfig } from './pipeline-config.ts';

const documentTypeKey = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a key of lower-case letters, digits and _ like price_comparison');
export const documentTypeSchema = z.object({ key: documentTypeKey, label: name(60), labelEn: name(60) }).strict();
export const documentTypesBody = z.object({ documentTypes: z.array(documentTypeSchema).max(200) }).strict();

const gateSchema = z
  .object({
    stage: z.enum(stageKeys),
    fields: z.array(z.string().max(80)).max(30).default([]),
    documents: z.array(z.string().max(80)).max(30).default([]),
  })
  .strict();
export const gatesBody = z.object({ gates: z.array(gateSchema).max(stageKeys.length) }).strict();

interface Issue {
  path: string;
  message: string;
}

function refuseIf(issues: Issue[], what: string): void {
  if (issues.length) throw new AppError('validation_failed', `The ${what} were not saved: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues });
}

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

/** every problem with these gates against the tenant's document types and fields */
export function gateIssues(gates: StageGate[], documentTypes: DocumentType[], fieldLabels: FieldLabels): Issue[] {
  const knownDocs = new Set(documentTypes.map((d) => d.key));
  const issues: Issue[] = [];
  for (const stage of new Set(duplicates(gates.map((g) => g.stage)))) issues.push({ path: 'gates', message: `stage ${stage} has more than one gate; put its requirements in one` });
  gates.forEach((gate, i) => {
    for (const field of gate.fields) {
      if (!fieldLabels.has(field)) issues.push({ path: `gates.${i}.fields`, message: `unknown field "${field}"; use one of ${[...fieldLabels.keys()].join(', ')}` });
    }
    for (const doc of gate.documents) {
      if (!knownDocs.has(doc)) issues.push({ path: `gates.${i}.documents`, message: `unknown document type "${doc}"; add it first with PUT /api/pipeline/document-types` });
    }
    for (const dup of new Set([...duplicates(gate.fields), ...duplicates(gate.documents)])) issues.push({ path: `gates.${i}`, message: `"${dup}" is listed twice` });
  });
  return issues;
}

export const presentGates = async (trx: Tx, ctx: RequestContext, config: PipelineConfig) => ({
  gates: config.gates,
  fields: [...(await gateFieldLabels(trx, ctx.tenantId))].map(([field, labels]) => ({ name: field, ...labels })),
  isDefault: !config.customised.gates,
  updatedAt: config.updatedAt,
});

const presentDocumentTypes = (config: PipelineConfig) => ({ documentTypes: config.documentTypes, isDefault: !config.customised.documentTypes, updatedAt: config.updatedAt });

export async function readGates(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'pipeline_settings', 'read');
  return presentGates(trx, ctx, await loadPipelineConfig(trx, ctx.tenantId));
}

export async function writeGates(trx: Tx, ctx: RequestContext, input: z.input<typeof gatesBody>) {
  authorize(ctx, 'pipeline_settings', 'update');
  const { gates } = gatesBody.parse(input);
  const config = await readPipelineConfig(trx, ctx.tenantId);
  refuseIf(gateIssues(gates, config.documentTypes, await gateFieldLabels(trx, ctx.tenantId)), 'gates');
  await savePipelineSettings(trx, ctx, { type: 'pipeline.gates_changed', before: { gates: config.gates } }, { gates });
  return presentGates(trx, ctx, await readPipelineConfig(trx, ctx.tenantId));
}

export async function readDocumentTypes(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'pipeline_settings', 'read');
  return presentDocumentTypes(await loadPipelineConfig(trx, ctx.tenantId));
}

export async function writeDocumentTypes(trx: Tx, ctx: RequestContext, input: z.input<typeof documentTypesBody>) {
  authorize(ctx, 'pipeline_settings', 'update');
  const { documentTypes } = documentTypesBody.parse(input);
  const config = await readPipelineConfig(trx, ctx.tenantId);
  const keys = new Set(documentTypes.map((d) => d.key));
  const issues: Issue[] = [...new Set(duplicates(documentTypes.map((d) => d.key)))].map((key) => ({ path: 'documentTypes', message: `"${key}" is listed twice` }));
  for (const gate of config.gates) {
    for (const doc of gate.documents) {
      if (!keys.has(doc)) issues.push({ path: 'documentTypes', message: `"${doc}" is required by the ${gate.stage} gate; remove it from that gate first` });
    }
  }
  refuseIf(issues, 'document types');
  await savePipelineSettings(trx, ctx, { type: 'pipeline.document_types_changed', before: { documentTypes: config.documentTypes } }, { documentTypes });
  return presentDocumentTypes(await readPipelineConfig(trx, ctx.tenantId));
}
