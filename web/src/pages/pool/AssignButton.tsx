// A manager hands a pool account to someone in the team (the protection period applies, the claim limit does not).
import { useState } from 'react';
import { Button, Popover, Space } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { UserPicker } from '../../custom-fields/UserPicker.tsx';

export function AssignButton({ onAssign, busy }: { onAssign: (userId: string) => void; busy: boolean }) {
  const { t } = useI18n();
  const [userId, setUserId] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const content = (
    <Space direction="vertical" style={{ width: 220 }}>
      <UserPicker value={userId} onChange={setUserId} placeholder={t('pool.assignTo')} />
      <Button type="primary" block disabled={!userId} loading={busy} onClick={() => { if (userId) { onAssign(userId); setOpen(false); } }}>{t('pool.assign')}</Button>
    </Space>
  );
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} content={content} title={t('pool.assignTitle')}>
      <Button size="small" icon={<UserAddOutlined />}>{t('pool.assign')}</Button>
    </Popover>
  );
}
