// Previous / next buttons for a keyset-paginated list, with the page number.
import { Button, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function CursorPager({ pageNumber, hasNext, hasPrevious, next, previous }: { pageNumber: number; hasNext: boolean; hasPrevious: boolean; next: () => void; previous: () => void }) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
      <Button icon={<LeftOutlined />} disabled={!hasPrevious} onClick={previous}>
        {t('pager.previous')}
      </Button>
      <Typography.Text type="secondary">{t('pager.page', { n: pageNumber })}</Typography.Text>
      <Button disabled={!hasNext} onClick={next} data-testid="next-page">
        {t('pager.next')} <RightOutlined />
      </Button>
    </Space>
  );
}
