// Words for evidence-based forecasting in the user's language: stage names, check reasons from their codes and facts.
import { useMemo } from 'react';
import type { CheckCode, EvidenceCheck, EvidenceStageKey, Similarity } from '../../../api/evidence-types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../../i18n/zh-CN.ts';
import { useLabels } from '../../../components/labels.tsx';
import type { DecisionRole } from '../../../api/types.ts';

const checkKeys: Record<CheckCode, MessageKey> = {
  future_date: 'evidence.check.future_date',
  out_of_order: 'evidence.check.out_of_order',
  signer_missing: 'evidence.check.signer_missing',
  signer_not_account_contact: 'evidence.check.signer_not_account_contact',
  signer_not_decision_maker: 'evidence.check.signer_not_decision_maker',
};
const decisionRoles = new Set(['decision_maker', 'influencer', 'user', 'gatekeeper']);

export function useEvidenceText() {
  const { t } = useI18n();
  const labels = useLabels();
  return useMemo(() => {
    const stage = (key: EvidenceStageKey) => t(`evidence.stage.${key}`);
    const role = (r: string | undefined) => (r && decisionRoles.has(r) ? labels.decisionRole(r as DecisionRole) : t('evidence.noRole'));
    return {
      stage,
      check: (c: EvidenceCheck) =>
        t(checkKeys[c.code], {
          ...c.params,
          stage: stage(c.stage),
          earlierStage: c.params.earlierStage ? stage(c.params.earlierStage as EvidenceStageKey) : '',
          role: role(c.params.decisionRole),
        }),
      similarity: (s: Similarity | null) => (s ? t(`evidence.similarity.${s}`) : t('evidence.similarity.none')),
    };
  }, [t, labels]);
}
