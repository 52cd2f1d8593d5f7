// On the deal page: what entering the next stage requires (the tenant's gate), each item ticked when met, missing documents uploadable in place.
import { useMemo } from 'react';
import { Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { GATES_PATH, type GatesConfig } from '../../api/pipeline-types.ts';
import type { MissingItem, Opportunity, Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLabels } from '../../components/labels.tsx';
import { useDocumentTypesConfig } from '../../records/document-types.ts';
import { EvidenceChecklist } from '../../records/EvidenceChecklist.tsx';

const hasValue = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** the gate fields that hold a value on the deal (an amount of 0 counts as not entered, as the API does) */
function filledGateFields(deal: Opportunity): Set<string> {
  const builtin: Record<string, unknown> = { amount: Number(deal.amount) === 0 ? null : deal.amount, expectedCloseDate: deal.expectedCloseDate, margin: deal.margin, ownerId: deal.ownerId };
  const custom = Object.entries(deal.custom ?? {}).map(([key, value]) => [`cf.${key}`, value] as const);
  return new Set([...Object.entries(builtin), ...custom].filter(([, v]) => hasValue(v)).map(([name]) => name));
}

export function useGatesConfig() {
  return useQuery({ queryKey: [GATES_PATH], staleTime: 60_000, queryFn: ({ signal }) => api.get<GatesConfig>(GATES_PATH, {}, signal) });
}

export function NextStageGate({ deal, stage }: { deal: Opportunity; stage: Stage }) {
  const { t } = useI18n();
  const labels = useLabels();
  const gates = useGatesConfig();
  const documentTypes = useDocumentTypesConfig();
  const items = useMemo((): MissingItem[] => {
    const gate = gates.data?.gates.find((g) => g.stage === stage);
    if (!gate || !documentTypes.data) return [];
    const docs = new Map(documentTypes.data.documentTypes.map((d) => [d.key, d]));
    const fields = new Map(gates.data?.fields.map((f) => [f.name, f]));
    const labelOf = (name: string, known?: { label: string; labelEn: string }) => ({ name, label: known?.label ?? name, labelEn: known?.labelEn ?? name });
    return [
      ...gate.documents.map((name): MissingItem => ({ kind: 'document', ...labelOf(name, docs.get(name)) })),
      ...gate.fields.map((name): MissingItem => ({ kind: 'field', ...labelOf(name, fields.get(name)) })),
    ];
  }, [gates.data, documentTypes.data, stage]);
  const filled = useMemo(() => filledGateFields(deal), [deal]);
  if (items.length === 0) return null;
  return (
    <Card title={t('gates.nextStageNeeds', { stage: labels.stage(stage) })} data-testid="next-stage-gate">
      <EvidenceChecklist dealId={deal.id} items={items} filledFields={filled} />
    </Card>
  );
}
