// One deal on the board: draggable, with a "move to" menu for touch screens and keyboards. Plain elements and one
// antd menu mounted only when opened, so a board of hundreds of cards renders and drags quickly.
import { memo, useState, type CSSProperties } from 'react';
import { Dropdown } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
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

const cardStyle: CSSProperties = { height: CARD_HEIGHT - 8, boxSizing: 'border-box', background: '#fff', border: '1px solid #e5e7eb', borderRadius: 6, padding: '8px 10px', cursor: 'grab', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', fontSize: 14 };
const oneLine: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
const nameStyle: CSSProperties = { ...oneLine, flex: 1, minWidth: 0, fontWeight: 500, color: '#1f2937' };
const accountStyle: CSSProperties = { ...oneLine, fontSize: 12, color: 'rgba(0,0,0,0.45)' };
const footerStyle: CSSProperties = { display: 'flex', justifyContent: 'space-between', gap: 6, fontSize: 12 };
const menuButtonStyle: CSSProperties = { border: 0, background: 'transparent', borderRadius: 4, width: 24, height: 24, marginTop: -2, padding: 0, cursor: 'pointer', color: 'rgba(0,0,0,0.65)', flex: '0 0 24px' };

/** a plain button; the antd menu is mounted only once it is opened */
function MoveMenu({ deal, onMove }: Pick<DealCardProps, 'deal' | 'onMove'>) {
  const { t } = useI18n();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const button = (
    <button type="button" aria-label={t('pipeline.moveTo')} aria-haspopup="menu" aria-expanded={open} style={menuButtonStyle} onClick={() => setOpen(true)}>
      <MoreOutlined />
    </button>
  );
  if (!open) return button;
  return (
    <Dropdown
      open
      trigger={['click']}
      onOpenChange={(next) => !next && setOpen(false)}
      menu={{
        items: stages.filter((s) => s !== deal.stage).map((s) => ({ key: s, label: labels.stage(s) })),
        onClick: ({ key }) => {
          setOpen(false);
          onMove(deal, key as Stage);
        },
      }}
    >
      {button}
    </Dropdown>
  );
}

export const DealCard = memo(function DealCard({ deal, ownerName, onMove }: DealCardProps) {
  const format = useFormat();
  return (
    <div
      draggable
      data-testid="deal-card"
      data-deal-id={deal.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', deal.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={cardStyle}
    >
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 4 }}>
        {/* a plain link; the column routes clicks on it in the app (one router hook per column, not per card) */}
        <a href={`/opportunities/${deal.id}`} data-deal-link draggable={false} style={nameStyle} title={deal.name}>
          {deal.name}
        </a>
        <MoveMenu deal={deal} onMove={onMove} />
      </div>
      <div style={accountStyle} title={deal.accountName ?? undefined}>{deal.accountName ?? '—'}</div>
      <div style={footerStyle}>
        <span style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{format.money(deal.amount, deal.currency)}</span>
        <span style={{ ...oneLine, color: '#6b7280' }}>{format.date(deal.expectedCloseDate)} · {ownerName}</span>
      </div>
    </div>
  );
});

/** where a card is still loading: same size, so the column does not jump when it arrives */
export const CardPlaceholder = memo(function CardPlaceholder() {
  return <div aria-hidden style={{ ...cardStyle, background: '#f7f8fa', borderStyle: 'dashed', cursor: 'default' }} />;
});
