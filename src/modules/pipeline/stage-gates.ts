// Evidence a deal must carry before it may enter a stage, declared as data (a list of gates)
// so per-tenant or per-industry gates can be added without new code paths.
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { StageKey } from './stages.ts';

export interface EvidenceRequirement {
  kind: 'document';
  /** attachments.document_type that satisfies it */
  name: string;
  /** zh-CN label; the web app localises by name */
  label: string;
}

export interface StageGate {
  stage: StageKey;
  requires: EvidenceRequirement[];
}

export const defaultStageGates: StageGate[] = [
  {
    stage: 'quoted',
    requires: [
      { kind: 'document', name: 'price_comparison', label: '价格对比表' },
      { kind: 'document', name: 'tech_comparison', label: '技术对比表' },
      { kind: 'document', name: 'reference_case', label: '客户成功案例' },
    ],
  },
];

export interface Evidence {
  documents: ReadonlySet<string>;
}

export const requirementsFor = (stage: StageKey, gates: StageGate[]): EvidenceRequirement[] => gates.filter((g) => g.stage === stage).flatMap((g) => g.requires);

/** every requirement of the stage's gates that the evidence does not meet, in declared order */
export function missingEvidence(stage: StageKey, evidence: Evidence, gates: StageGate[] = defaultStageGates): EvidenceRequirement[] {
  return requirementsFor(stage, gates).filter((r) => !evidence.documents.has(r.name));
}

/** the evidence attached to a deal, as the gates look at it */
export async function loadEvidence(trx: Tx, ctx: RequestContext, opportunityId: string): Promise<Evidence> {
  const rows = await trx
    .selectFrom('attachments')
    .select('document_type')
    .distinct()
    .where('tenant_id', '=', ctx.tenantId)
    .where('entity', '=', 'opportunities')
    .where('entity_id', '=', opportunityId)
    .execute();
  return { documents: new Set(rows.map((r) => r.document_type)) };
}
