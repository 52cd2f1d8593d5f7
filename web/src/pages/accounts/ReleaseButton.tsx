// 释放到公海 on 客户360: the owner (or their leader) gives the account back to the pool, with an optional reason.
import { useState } from 'react';
import { App, Button, Input, Modal } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Account } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

export function ReleaseButton({ account }: { account: Account }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const release = useMutation({
    mutationFn: () => api.post(`/api/accounts/${account.id}/release`, note.trim() ? { note: note.trim() } : {}),
    onSuccess: () => {
      setOpen(false);
      void message.success(t('pool.released', { name: account.name }));
      void queryClient.invalidateQueries({ queryKey: ['/api/accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['/api/customer-pool'] });
    },
  });
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)} data-testid="release-account">{t('pool.release')}</Button>
      <Modal open={open} title={t('pool.releaseTitle', { name: account.name })} okText={t('pool.release')} cancelText={t('action.cancel')} okButtonProps={{ danger: true, loading: release.isPending }} onOk={() => release.mutate()} onCancel={() => setOpen(false)} destroyOnHidden>
        <p>{t('pool.releaseHint')}</p>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t('pool.releaseNote')} aria-label={t('pool.releaseNote')} />
        {release.error && <ErrorNotice error={release.error} />}
      </Modal>
    </>
  );
}
