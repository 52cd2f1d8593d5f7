// Moves a deal to another stage through the API. A gate refusal opens a dialog listing what is missing (uploadable right there) with a retry;
// any other refusal is shown with the API's reason.
import { useCallback, useState, type ReactNode } from 'react';
import { App, Button, Modal, Typography } from 'antd';
import { api, ApiError } from '../api/client.ts';
import type { MissingItem, Opportunity, Stage } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorHeadline, errorMessage } from '../components/errors.ts';
import { useLabels } from '../components/labels.tsx';
import { EvidenceChecklist } from './EvidenceChecklist.tsx';

function missingItems(error: unknown): MissingItem[] {
  if (!(error instanceof ApiError) || error.code !== 'gate_failed') return [];
  const details = error.details as { missing?: MissingItem[] } | undefined;
  return Array.isArray(details?.missing) ? details.missing : [];
}

interface Refusal {
  deal: Opportunity;
  stage: Stage;
  missing: MissingItem[];
}

/** `move` returns the moved deal, or null when the API refused; a move that succeeds later from the dialog's retry is passed to `onMovedLater` */
export function useMoveStage(onMovedLater: (moved: Opportunity, before: Opportunity) => void | Promise<void>): { move: (deal: Opportunity, stage: Stage) => Promise<Opportunity | null>; dialog: ReactNode } {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const labels = useLabels();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [retrying, setRetrying] = useState(false);

  const attempt = useCallback(async (deal: Opportunity, stage: Stage): Promise<Opportunity | null> => {
    try {
      const moved = await api.post<Opportunity>(`/api/opportunities/${deal.id}/stage`, { stage });
      setRefusal(null);
      return moved;
    } catch (error) {
      const missing = missingItems(error);
      if (missing.length > 0) {
        setRefusal({ deal, stage, missing });
        return null;
      }
      setRefusal(null);
      modal.error({
        title: t('pipeline.moveRefused', { name: deal.name, stage: labels.stage(stage) }),
        content: (
          <div data-testid="move-refused">
            <p>{errorHeadline(t, error)}</p>
            <p style={{ color: '#6b7280' }}>{errorMessage(t, error)}</p>
          </div>
        ),
        okText: t('action.ok'),
      });
      return null;
    }
  }, [t, modal, labels]);

  const retry = async (current: Refusal) => {
    setRetrying(true);
    const moved = await attempt(current.deal, current.stage);
    setRetrying(false);
    if (moved) await onMovedLater(moved, current.deal);
  };

  const dialog = refusal && (
    <Modal
      open
      title={t('pipeline.moveRefused', { name: refusal.deal.name, stage: labels.stage(refusal.stage) })}
      onCancel={() => setRefusal(null)}
      footer={[
        <Button key="close" onClick={() => setRefusal(null)} data-testid="close-refusal">{t('action.close')}</Button>,
        <Button key="retry" type="primary" loading={retrying} onClick={() => void retry(refusal)} data-testid="retry-move">
          {t('pipeline.retryMove', { stage: labels.stage(refusal.stage) })}
        </Button>,
      ]}
    >
      <div data-testid="move-refused">
        <Typography.Paragraph>{t('pipeline.missingLead')}</Typography.Paragraph>
        <EvidenceChecklist dealId={refusal.deal.id} items={refusal.missing} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('pipeline.missingHint')}</Typography.Paragraph>
      </div>
    </Modal>
  );
  return { move: attempt, dialog };
}
