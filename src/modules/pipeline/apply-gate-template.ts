// Applies an industry template: the tenant's gates become the template's, and the template's
// document types are added to the tenant's (types the tenant already has keep their labels).
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { gateTemplateKeys, gateTemplates } from './gate-templates.ts';
import { presentGates } from './gate-config.ts';
import { readPipelineConfig, savePipelineSettings } from './pipeline-config.ts';

export const applyTemplateBody = z.object({ template: z.enum(gateTemplateKeys) }).strict();

export function listGateTemplates(ctx: RequestContext) {
  authorize(ctx, 'pipeline_settings', 'read');
  return { items: gateTemplates };
}

export async function applyGateTemplate(trx: Tx, ctx: RequestContext, input: z.input<typeof applyTemplateBody>) {
  authorize(ctx, 'pipeline_settings', 'update');
  const { template: key } = applyTemplateBody.parse(input);
  const template = gateTemplates.find((t) => t.key === key);
  if (!template) throw new Error(`gate template ${key} is listed but not defined`);
  const config = await readPipelineConfig(trx, ctx.tenantId);
  const have = new Set(config.documentTypes.map((d) => d.key));
  const documentTypes = [...config.documentTypes, ...template.documentTypes.filter((d) => !have.has(d.key))];
  await savePipelineSettings(
    trx,
    ctx,
    { type: 'pipeline.gate_template_applied', before: { documentTypes: config.documentTypes, gates: config.gates }, payload: { template: key } },
    { documentTypes, gates: template.gates },
  );
  return { template: key, ...(await presentGates(trx, ctx, await readPipelineConfig(trx, ctx.tenantId))), documentTypes };
}
