// One stage column: header with the stage's count and summed amount, a virtualized card list sized for every deal in the
// stage (placeholders where pages are still to load; the next page loads as they scroll into view), and a drop target.
import { memo, useEffect, useRef, useState } from 'react';
import { Skeleton, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate } from 'react-router-dom';
import type { Opportunity, Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { toCents, useFormat } from '../../i18n/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { CARD_HEIGHT, CardPlaceholder, DealCard } from './DealCard.tsx';
import type { BoardColumn } from './board-data.ts';

export interface StageColumnProps {
  stage: Stage;
  /** undefined while the board loads */
  column: BoardColumn | undefined;
  ownerName: (id: string | null) => string;
  onMove: (deal: Opportunity, stage: Stage) => void;
  onDropDeal: (dealId: string, stage: Stage) => void;
  onNeedMore: (stage: Stage) => void;
}

/** the column's top border: antd's preset tag colours as CSS colours ('geekblue' is not one) */
const accents: Record<Stage, string> = { lead: '#8c8c8c', qualified: '#13c2c2', solution: '#1677ff', quoted: '#2f54eb', negotiation: '#722ed1', won: '#52c41a', lost: '#f5222d' };

/** the board is calc(100vh - 220px) tall (at least 420 px); a column's header takes 52 px of it */
const initialListRect = () => ({ width: 244, height: Math.max(420, window.innerHeight - 220) - 52 });

/** start loading the next page this many cards before the placeholders show */
const LOAD_AHEAD = 10;

export const StageColumn = memo(function StageColumn({ stage, column, ownerName, onMove, onDropDeal, onNeedMore }: StageColumnProps) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  const navigate = useNavigate();
  const deals = column?.deals ?? [];
  const rows = column?.nextCursor ? Math.max(column.count, deals.length) : deals.length;
  // the list's size before it is measured, so the first render already holds the visible cards (no second pass per column on mount)
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_HEIGHT, overscan: 2, initialRect: initialListRect() });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;
  const wantsMore = Boolean(column?.nextCursor) && lastIndex >= deals.length - LOAD_AHEAD;
  useEffect(() => {
    if (wantsMore) onNeedMore(stage);
  }, [wantsMore, deals.length, onNeedMore, stage]);
  const totalCents = column?.amount ? toCents(column.amount) : null;

  return (
    <section
      data-testid={`stage-column-${stage}`}
      data-loaded={column ? deals.length : undefined}
      aria-label={labels.stage(stage)}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer.getData('text/plain');
        if (id) onDropDeal(id, stage);
      }}
      style={{ flex: '0 0 260px', display: 'flex', flexDirection: 'column', background: over ? '#e6f0ff' : '#f0f2f5', borderRadius: 8, borderTop: `3px solid ${accents[stage]}`, transition: 'background 120ms' }}
    >
      <header style={{ padding: '10px 12px 6px', minHeight: 52, boxSizing: 'border-box', fontSize: 14 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between' }}>
          <strong style={{ fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{labels.stage(stage)}</strong>
          {column && <span style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="stage-count">{format.number(column.count)}</span>}
        </div>
        {column && (
          <span data-testid="stage-total" title={totalCents === null ? t('pipeline.amountHidden') : format.money(totalCents)} style={{ fontSize: 13, color: 'rgba(0,0,0,0.88)' }}>
            {totalCents === null ? '—' : format.compactMoney(totalCents)}
          </span>
        )}
      </header>
      <div
        ref={scrollRef}
        style={{ flex: 1, overflowY: 'auto', padding: '0 8px 8px', minHeight: 120 }}
        onClick={(e) => {
          // a card's name opens the deal inside the app; with a modifier key the browser opens it as usual
          const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-deal-link]');
          if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          void navigate(link.getAttribute('href') ?? '/pipeline');
        }}
      >
        {!column ? (
          <Skeleton active title={false} paragraph={{ rows: 6 }} />
        ) : rows === 0 ? (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', padding: '24px 8px', fontSize: 12 }}>{t('pipeline.emptyColumn')}</Typography.Text>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((row) => {
              const deal = deals[row.index] as Opportunity | undefined;
              return (
                <div key={deal?.id ?? `more-${row.index}`} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
                  {deal ? <DealCard deal={deal} ownerName={ownerName(deal.ownerId)} onMove={onMove} /> : <CardPlaceholder />}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});
