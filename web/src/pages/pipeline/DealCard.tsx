// One deal on the board: draggable, with a "move to" menu for touch screens and keyboards.
import { memo } from 'react';
import { Button, Dropdown, Typography } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { stages, type Opportunity, type Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabels } from '../../components/labels.tsx';

export const CARD_HEIGHT = 92;

export interface DealCardProps {
  deal: Opportunity;
  ownerName: string;
  onMove: (deal: Opportunity, stage: Stage) => void;
}

export const DealCard = memo(function DealCard({ deal, ownerName, onMove }: DealCardProps) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  return (
    <div
      draggable
      data-testid="deal-card"
      data-deal-id={deal.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', deal.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ height: CARD_HEIGHT - 8, boxSizing: 'border-box', background: '#fff', border: '1px solid #e5e7eb', borderRadius: 6, padding: '8px 10px', cursor: 'grab', display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }}
    >
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 4 }}>
        <Link to={`/opportunities/${deal.id}`} draggable={false} style={{ flex: 1, minWidth: 0, fontWeight: 500, color: '#1f2937', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={deal.name}>
          {deal.name}
        </Link>
        <Dropdown
          trigger={['click']}
          menu={{
            items: stages.filter((s) => s !== deal.stage).map((s) => ({ key: s, label: labels.stage(s) })),
            onClick: ({ key }) => onMove(deal, key as Stage),
          }}
        >
          <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('pipeline.moveTo')} style={{ marginTop: -2 }} />
        </Dropdown>
      </div>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>{deal.accountName ?? '—'}</Typography.Text>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12 }}>
        <span style={{ fontWeight: 600 }}>{format.money(deal.amount, deal.currency)}</span>
        <span style={{ color: '#6b7280' }}>{format.date(deal.expectedCloseDate)} · {ownerName}</span>
      </div>
    </div>
  );
});
