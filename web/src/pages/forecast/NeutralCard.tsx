// The neutral forecast: the system's own figure from history, next to the reps' committed number, with how it was learned.
import { Alert, Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { ForecastResponse } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, toCents, useFormat } from '../../i18n/format.ts';

/** the neutral forecast ± one spread, in cents; the low end never below what is already won */
function neutralRange(n: ForecastResponse['neutral']): { low: bigint; high: bigint; spread: bigint } | null {
  if (n.amount === null || n.spread === null) return null;
  const amount = toCents(n.amount);
  const spread = toCents(n.spread);
  const won = toCents(n.wonSoFar);
  return { low: amount - spread > won ? amount - spread : won, high: amount + spread, spread };
}

export function NeutralCard({ data }: { data: ForecastResponse }) {
  const { t } = useI18n();
  const format = useFormat();
  const top = data.company ?? [...data.teams, ...data.users].find((n) => n.key === data.roots[0]) ?? null;
  const n = data.neutral;
  const neutral = data.company ? n.amount : (top?.neutral ?? null);
  const range = data.company ? neutralRange(n) : null;
  return (
    <Card title={t('forecast.neutralTitle')} data-testid="neutral-card">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('forecast.neutral')} value={neutral === null ? t('forecast.unknown') : format.money(neutral)} />
          {range && (
            <Tooltip title={t('forecast.neutralRangeHelp')}>
              <Typography.Text type="secondary" data-testid="neutral-range" style={{ cursor: 'help', fontSize: 13 }}>
                {t('forecast.neutralRange', { low: format.compactMoney(range.low), high: format.compactMoney(range.high), spread: format.compactMoney(range.spread) })} <InfoCircleOutlined />
              </Typography.Text>
            </Tooltip>
          )}
        </Col>
        <Col xs={12} md={6}><Statistic title={t('forecast.commitForecast')} value={top ? format.money(top.commitForecast) : '—'} /></Col>
        <Col xs={12} md={6}><Statistic title={t('forecast.bestCaseForecast')} value={top ? format.money(top.bestCaseForecast) : '—'} /></Col>
        <Col xs={12} md={6}><Statistic title={t('forecast.quotaAttainment')} value={top?.attainment === null || top?.attainment === undefined ? t('forecast.noQuota') : formatPercent(top.attainment, { digits: 1 })} /></Col>
      </Row>
      {data.company && n.amount !== null && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('forecast.neutralExplain', { won: format.money(n.wonSoFar), open: format.money(n.openExpected), late: format.money(n.late), deals: n.openDeals, windows: n.learning.windows, samples: n.learning.samples })}
        </Typography.Paragraph>
      )}
      {n.flags.includes('no_history') && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('forecast.noHistory')} />}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>{t('forecast.asOf', { when: format.dateTime(data.asOf) })}</Typography.Text>
    </Card>
  );
}
