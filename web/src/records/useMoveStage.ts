// Moves a deal to another stage through the API; a refusal is shown with exactly what the API says is missing.
import { createElement } from 'react';
import { App } from 'antd';
import { api, ApiError } from '../api/client.ts';
import type { MissingItem, Opportunity, Stage } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorHeadline, errorMessage } from '../components/errors.ts';
import { useLabels } from '../components/labels.tsx';
import { useDocumentTypeLabel } from './document-types.ts';

function missingItems(error: unknown): MissingItem[] {
  if (!(error instanceof ApiError) || error.code !== 'gate_failed') return [];
  const details = error.details as { missing?: MissingItem[] } | undefined;
  return Array.isArray(details?.missing) ? details.missing : [];
}

/** returns the moved deal, or null when the API refused (after telling the user why) */
export function useMoveStage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const labels = useLabels();
  const documentTypeLabel = useDocumentTypeLabel();

  return async (deal: Opportunity, stage: Stage): Promise<Opportunity | null> => {
    try {
      return await api.post<Opportunity>(`/api/opportunities/${deal.id}/stage`, { stage });
    } catch (error) {
      const missing = missingItems(error);
      modal.error({
        title: t('pipeline.moveRefused', { name: deal.name, stage: labels.stage(stage) }),
        content: createElement(
          'div',
          { 'data-testid': 'move-refused' },
          missing.length > 0
            ? [
                createElement('p', { key: 'lead' }, t('pipeline.missingLead')),
                createElement(
                  'ul',
                  { key: 'list' },
                  missing.map((m) => createElement('li', { key: `${m.kind}:${m.name}` }, m.kind === 'document' ? documentTypeLabel(m.name, m.label) : m.label)),
                ),
                createElement('p', { key: 'hint', style: { color: '#6b7280' } }, t('pipeline.missingHint')),
              ]
            : [createElement('p', { key: 'headline' }, errorHeadline(t, error)), createElement('p', { key: 'detail', style: { color: '#6b7280' } }, errorMessage(t, error))],
        ),
        okText: t('action.ok'),
      });
      return null;
    }
  };
}
