// The one way a deal changes stage: checks the tenant's machine and the stage's gates, sets the
// closing columns, and records opportunity.stage_changed with who, from, to and why.
import { AppError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { allowedMoves, closingState, isStageKey, refusal, type StageKey } from './stages.ts';
import { attachedDocumentTypes, missingEvidence, requirementsFor, type GateRequirement } from './stage-gates.ts';
import { filledGateFields, gateFieldLabels } from './gate-fields.ts';
import { loadPipelineConfig } from './pipeline-config.ts';
import { opportunitiesService, presentOpportunity } from './opportunities-resource.ts';

export async function moveStage(trx: Tx, ctx: RequestContext, id: string, stage: StageKey, reason?: string | null) {
  authorize(ctx, 'opportunities', 'update');
  const existing = await opportunitiesService.fetch(trx, ctx, id, true);
  const from = existing.stage as string;
  if (!isStageKey(from)) throw new AppError('unprocessable', `This deal is in an unknown stage "${from}"; ask an admin to correct it.`);

  const config = await loadPipelineConfig(trx, ctx.tenantId);
  const refused = refusal(from, stage, ctx.actor.role, config.machine);
  if (refused) throw new AppError('transition_not_allowed', refused, { from, to: stage, allowed: allowedMoves(from, ctx.actor.role, config.machine) });

  const gate = config.gates.find((g) => g.stage === stage);
  if (gate && (gate.documents.length || gate.fields.length)) {
    const requirements = requirementsFor(stage, config.gates, config.documentTypes, gate.fields.length ? await gateFieldLabels(trx, ctx.tenantId) : new Map());
    const documents = gate.documents.length ? await attachedDocumentTypes(trx, ctx, id) : new Set<string>();
    const missing = missingEvidence(requirements, { documents, filledFields: filledGateFields(existing, gate.fields) });
    if (missing.length) throw new AppError('gate_failed', gateMessage(stage, missing), { missing });
  }

  const now = new Date();
  const closing = closingState(from, stage, now);
  const row = await trx
    .updateTable('opportunities')
    .set({
      stage,
      stage_changed_at: now,
      updated_at: now,
      ...(closing ? { closed_at: closing.closedAt, forecast_category: closing.forecastCategory } : {}),
    })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

  const before = presentOpportunity(existing);
  const after = presentOpportunity(row);
  await recordEvent(trx, ctx, {
    type: 'opportunity.stage_changed',
    entity: 'opportunities',
    entityId: id,
    before: { stage: before.stage, forecastCategory: before.forecastCategory, closedAt: before.closedAt },
    after: { stage: after.stage, forecastCategory: after.forecastCategory, closedAt: after.closedAt },
    payload: { from, to: stage, reason: reason ?? null, actor: { id: ctx.actor.userId, role: ctx.actor.role } },
  });
  return opportunitiesService.get(trx, ctx, id);
}

function gateMessage(stage: StageKey, missing: GateRequirement[]): string {
  const list = (kind: GateRequirement['kind']) => missing.filter((m) => m.kind === kind).map((m) => `${m.label} (${m.name})`).join(', ');
  const parts = [list('document') && `attach: ${list('document')}`, list('field') && `fill in: ${list('field')}`].filter(Boolean);
  return `Before moving to ${stage}, ${parts.join('; ')}.`;
}
