// On the deal page: the deal's active warnings, each with its evidence and how far ahead of the
// expected close it was raised, and the checks that could not tell for lack of data.
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { describeWarning, unknownReason } from './describe-warning.ts';
import type { DealWarning, DealWarnings } from './warning-types.ts';

export function DealWarningsPanel({ opportunityId }: { opportunityId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const query = useQuery({ queryKey: ['/api/opportunities', opportunityId, 'warnings'], queryFn: ({ signal }) => api.get<DealWarnings>(`/api/opportunities/${opportunityId}/warnings`, {}, signal) });
  if (query.isPending) return null;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  const { items, checks, open } = query.data;
  const unknown = checks.filter((c) => c.status === 'unknown');
  if (!open) return null;
  const raised = (w: DealWarning) => {
    const when = format.dateTime(w.raisedAt);
    if (w.daysBeforeClose === null) return t('dealWarnings.raisedNoClose', { when });
    return w.daysBeforeClose >= 0 ? t('dealWarnings.raised', { when, days: w.daysBeforeClose }) : t('dealWarnings.raisedOverdue', { when });
  };
  return (
    <Card title={<Space><WarningOutlined style={{ color: items.length ? '#d46b08' : undefined }} />{t('dealWarnings.title')}{items.length > 0 && <Tag color="orange">{items.length}</Tag>}</Space>} data-testid="deal-warnings" size="small">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('dealWarnings.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(w) => {
            const words = describeWarning(w.kind, w.evidence, t, format, (s) => labels.stage(s as Stage));
            return (
              <List.Item data-testid={`deal-warning-${w.kind}`}>
                <Alert
                  type={w.daysBeforeClose !== null && w.daysBeforeClose <= 30 ? 'error' : 'warning'}
                  showIcon
                  style={{ width: '100%' }}
                  title={<Typography.Text strong>{words.kind}</Typography.Text>}
                  description={
                    <Space direction="vertical" size={2}>
                      <span>{words.detail}</span>
                      {words.flag && <Typography.Text type="warning">{words.flag}</Typography.Text>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{raised(w)}</Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {unknown.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dealWarnings.unknownTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 12, color: '#6b7280' }}>
            {unknown.map((c) => <li key={c.kind}>{t(`dealWarnings.kind.${c.kind}`)}：{unknownReason(c.kind, t)}</li>)}
          </ul>
        </div>
      )}
    </Card>
  );
}
