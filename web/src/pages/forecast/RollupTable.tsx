// The roll-up as a tree table (company → teams → reps): categories, overrides beside the computed number with who/when, quota, attainment, neutral.
import { Button, Space, Table, Tooltip, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { ForecastNode, ForecastResponse, ForecastOverride } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../i18n/format.ts';
import { EmptyHint } from '../../components/EmptyHint.tsx';

interface TreeRow extends ForecastNode {
  children?: TreeRow[];
}

function buildTree(data: ForecastResponse): TreeRow[] {
  const byKey = new Map<string, ForecastNode>([...(data.company ? [data.company] : []), ...data.teams, ...data.users].map((n) => [n.key, n]));
  const grow = (n: ForecastNode, seen: Set<string>): TreeRow => {
    seen.add(n.key);
    const kids = [...n.childTeams.map((id) => `team:${id}`), ...n.members.map((id) => `user:${id}`)].filter((k) => !seen.has(k)).map((k) => byKey.get(k)).filter((x): x is ForecastNode => Boolean(x));
    if (n.kind === 'company') for (const t of data.teams) if (t.parentId === null && !kids.includes(t)) kids.push(t);
    const children = kids.map((k) => grow(k, seen));
    return { ...n, children: children.length ? children : undefined };
  };
  return data.roots.map((k) => byKey.get(k)).filter((x): x is ForecastNode => Boolean(x)).map((n) => grow(n, new Set()));
}

function OverriddenAmount({ value, override }: { value: string; override: ForecastOverride | null }) {
  const { t } = useI18n();
  const format = useFormat();
  if (!override) return <>{format.money(value)}</>;
  return (
    <Tooltip title={t('forecast.overrideBy', { who: override.by?.name ?? '—', when: format.dateTime(override.at), note: override.note ?? '' })}>
      <Space direction="vertical" size={0} data-testid="override-cell">
        <Typography.Text strong style={{ color: '#d4380d' }}>{format.money(override.amount)}</Typography.Text>
        <Typography.Text type="secondary" delete style={{ fontSize: 12 }}>{format.money(override.computedNow)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>{override.by?.name ?? ''} · {format.date(override.at)}</Typography.Text>
      </Space>
    </Tooltip>
  );
}

export function RollupTable({ data, onDrill, onOverride }: { data: ForecastResponse; onDrill: (n: ForecastNode) => void; onOverride: (n: ForecastNode) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const tree = buildTree(data);
  const nameOf = (n: ForecastNode) => (n.kind === 'company' ? t('forecast.company') : n.name);
  return (
    <Table<TreeRow>
      rowKey="key"
      size="small"
      pagination={false}
      scroll={{ x: 1240 }}
      data-testid="forecast-rollup"
      dataSource={tree}
      expandable={{ defaultExpandAllRows: true }}
      locale={{ emptyText: <EmptyHint text={t('forecast.empty')} /> }}
      columns={[
        { title: t('forecast.level'), key: 'name', fixed: 'left', width: 120, render: (_, n) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(n)} data-testid={`drill-${n.key}`}>{nameOf(n)}</Button> },
        { title: <Tooltip title={t('forecast.commitForecast')}>{t('forecast.commitTotal')}</Tooltip>, key: 'commitForecast', align: 'right', render: (_, n) => <Typography.Text strong>{format.money(n.commitForecast)}</Typography.Text> },
        { title: t('forecast.neutral'), key: 'neutral', align: 'right', render: (_, n) => (n.neutral === null ? t('forecast.unknown') : format.money(n.neutral)) },
        {
          title: <Tooltip title={t('forecast.weightedHelp')}>{t('forecast.weighted')}</Tooltip>,
          key: 'weighted',
          align: 'right',
          render: (_, n) => {
            const w = n.credibilityWeighted;
            if (!w) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <span data-testid="weighted-cell">
                {w.weighted === '0.00' && w.dealsWithoutEvidence > 0 ? <Typography.Text type="secondary">{t('forecast.noEvidenceYet')}</Typography.Text> : format.money(w.weighted)}
                {w.dealsWithoutEvidence > 0 && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('forecast.withoutEvidence', { count: format.number(w.dealsWithoutEvidence), amount: format.money(w.withoutEvidence) })}</Typography.Text>}
              </span>
            );
          },
        },
        { title: t('forecastCategory.closed'), key: 'closed', align: 'right', render: (_, n) => format.money(n.categories.closed) },
        { title: t('forecast.attainment'), key: 'attainment', align: 'right', render: (_, n) => formatPercent(n.attainment, { digits: 1 }) },
        { title: t('forecast.quota'), key: 'quota', align: 'right', render: (_, n) => (n.quota === null ? <Typography.Text type="secondary">{t('forecast.noQuota')}</Typography.Text> : format.money(n.quota)) },
        { title: t('forecastCategory.commit'), key: 'commit', align: 'right', render: (_, n) => <OverriddenAmount value={n.categories.commit} override={n.overrides.commit} /> },
        { title: t('forecastCategory.best_case'), key: 'best_case', align: 'right', render: (_, n) => <OverriddenAmount value={n.categories.best_case} override={n.overrides.best_case} /> },
        { title: t('forecastCategory.pipeline'), key: 'pipeline', align: 'right', render: (_, n) => format.money(n.categories.pipeline) },
        { title: '', key: 'actions', width: 60, render: (_, n) => n.canManage && <Tooltip title={t('forecast.override')}><Button size="small" icon={<EditOutlined />} aria-label={t('forecast.override')} onClick={() => onOverride(n)} /></Tooltip> },
      ]}
    />
  );
}
