// A tenant's pipeline configuration in force: document types, stage gates and stage machine,
// each the built-in default until an admin sets it. Read on every stage move, so cached per
// tenant (recordEvent on pipeline_settings clears the cache).
import { recordEvent } from '../../platform/events/outbox.ts';
import { iso } from '../../platform/http/schemas.ts';
import type { RequestContext, Role, Tx } from '../../platform/tenancy/context.ts';
import { cachedForTenant } from '../../platform/tenancy/tenant-cache.ts';
import { defaultDocumentTypes, defaultStageGates, type DocumentType, type StageGate } from './stage-gates.ts';
import { defaultMachine, defaultReopenRoles, machineFrom, type StageKey, type StageMachine } from './stages.ts';

export interface TransitionRules {
  moves: Array<{ from: StageKey; to: StageKey }>;
  /** who may move a deal out of lost (or out of won, when allowed) */
  reopenRoles: Role[];
  /** won is final unless this is set */
  allowReopenWon: boolean;
}

export const defaultTransitionRules: TransitionRules = {
  moves: defaultMachine.transitions.map(({ from, to }) => ({ from, to })),
  reopenRoles: defaultReopenRoles,
  allowReopenWon: false,
};

export interface PipelineConfig {
  documentTypes: DocumentType[];
  gates: StageGate[];
  rules: TransitionRules;
  machine: StageMachine;
  /** which parts the tenant has set (false: the default applies) */
  customised: { documentTypes: boolean; gates: boolean; transitions: boolean };
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function readPipelineConfig(trx: Tx, tenantId: string): Promise<PipelineConfig> {
  const row = await trx.selectFrom('pipeline_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  const rules = (row?.transitions as TransitionRules | null | undefined) ?? defaultTransitionRules;
  return {
    documentTypes: (row?.document_types as DocumentType[] | null | undefined) ?? defaultDocumentTypes,
    gates: (row?.stage_gates as StageGate[] | null | undefined) ?? defaultStageGates,
    rules,
    machine: row?.transitions ? machineFrom(rules.moves, rules.reopenRoles) : defaultMachine,
    customised: { documentTypes: !!row?.document_types, gates: !!row?.stage_gates, transitions: !!row?.transitions },
    updatedBy: row?.updated_by ?? null,
    updatedAt: row ? (iso(row.updated_at) as string) : null,
  };
}

/** the configuration in force, cached (no permission check: every stage move reads it); after a write in the same transaction use readPipelineConfig */
export const loadPipelineConfig = (trx: Tx, tenantId: string) => cachedForTenant(tenantId, 'pipeline_settings', () => readPipelineConfig(trx, tenantId));

export interface PipelineSettingsChange {
  documentTypes?: DocumentType[];
  gates?: StageGate[];
  rules?: TransitionRules;
}

/** stores the changed parts and records the change with its before/after images */
export async function savePipelineSettings(
  trx: Tx,
  ctx: RequestContext,
  event: { type: string; before: PipelineSettingsChange; payload?: Record<string, unknown> },
  change: PipelineSettingsChange,
): Promise<void> {
  const cols = {
    ...(change.documentTypes ? { document_types: JSON.stringify(change.documentTypes) } : {}),
    ...(change.gates ? { stage_gates: JSON.stringify(change.gates) } : {}),
    ...(change.rules ? { transitions: JSON.stringify(change.rules) } : {}),
    updated_by: ctx.actor.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('pipeline_settings')
    .values({ tenant_id: ctx.tenantId, ...cols })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(cols))
    .execute();
  await recordEvent(trx, ctx, { type: event.type, entity: 'pipeline_settings', entityId: null, before: event.before, after: change, payload: event.payload });
}
