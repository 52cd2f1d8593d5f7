// Evidence a deal must carry before it may enter a stage, declared as data: per stage, the
// fields that must hold a value and the document types that must be attached. Tenants keep
// their own gates and document types (pipeline-config.ts); these are the defaults.
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { StageKey } from './stages.ts';

export interface DocumentType {
  /** attachments.document_type that satisfies a gate */
  key: string;
  label: string;
  labelEn: string;
}

export interface StageGate {
  stage: StageKey;
  /** opportunity fields (amount, expectedCloseDate, …) or custom fields as cf.<key> */
  fields: string[];
  /** document type keys */
  documents: string[];
}

/** one thing a gate asks for, as the 422 lists it (label in zh-CN, labelEn in English) */
export interface GateRequirement {
  kind: 'document' | 'field';
  name: string;
  label: string;
  labelEn: string;
}

export const defaultDocumentTypes: DocumentType[] = [
  { key: 'price_comparison', label: '价格对比表', labelEn: 'Price comparison sheet' },
  { key: 'tech_comparison', label: '技术对比表', labelEn: 'Technical parameter comparison' },
  { key: 'reference_case', label: '客户成功案例', labelEn: 'Customer reference case' },
];

export const defaultStageGates: StageGate[] = [{ stage: 'quoted', fields: [], documents: ['price_comparison', 'tech_comparison', 'reference_case'] }];

export type FieldLabels = ReadonlyMap<string, { label: string; labelEn: string }>;

/** what entering `stage` requires, documents first then fields, each in declared order */
export function requirementsFor(stage: StageKey, gates: StageGate[], documentTypes: DocumentType[], fieldLabels: FieldLabels): GateRequirement[] {
  const gate = gates.find((g) => g.stage === stage);
  if (!gate) return [];
  const docs = new Map(documentTypes.map((d) => [d.key, d]));
  return [
    ...gate.documents.map((name): GateRequirement => ({ kind: 'document', name, label: docs.get(name)?.label ?? name, labelEn: docs.get(name)?.labelEn ?? name })),
    ...gate.fields.map((name): GateRequirement => ({ kind: 'field', name, label: fieldLabels.get(name)?.label ?? name, labelEn: fieldLabels.get(name)?.labelEn ?? name })),
  ];
}

export interface Evidence {
  /** document types attached to the deal */
  documents: ReadonlySet<string>;
  /** gate field names that hold a value on the deal */
  filledFields: ReadonlySet<string>;
}

/** every requirement the evidence does not meet, in the requirements' order */
export function missingEvidence(requirements: GateRequirement[], evidence: Evidence): GateRequirement[] {
  return requirements.filter((r) => !(r.kind === 'document' ? evidence.documents : evidence.filledFields).has(r.name));
}

/** the document types attached to a deal */
export async function attachedDocumentTypes(trx: Tx, ctx: RequestContext, opportunityId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('attachments')
    .select('document_type')
    .distinct()
    .where('tenant_id', '=', ctx.tenantId)
    .where('entity', '=', 'opportunities')
    .where('entity_id', '=', opportunityId)
    .execute();
  return new Set(rows.map((r) => r.document_type));
}
