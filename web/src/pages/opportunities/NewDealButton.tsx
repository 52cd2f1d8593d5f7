// "新建商机" for one customer (客户360): opens the create form with the account chosen; hidden from roles that may not create deals.
import { useState } from 'react';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { DealCreateModal } from './DealCreateModal.tsx';

export function NewDealButton({ account }: { account: { id: string; name: string } }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  if (!can('opportunities', 'create')) return null;
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-deal">{t('dealCreate.new')}</Button>
      {open && <DealCreateModal account={account} onClose={() => setOpen(false)} />}
    </>
  );
}
