// One stage column: header with count and summed amount, a virtualized card list (a skeleton until its deals arrive), and a drop target.
import { useRef, useState } from 'react';
import { Skeleton, Tooltip, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Opportunity, Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabels, stageColors } from '../../components/labels.tsx';
import { CARD_HEIGHT, DealCard } from './DealCard.tsx';

export interface StageColumnProps {
  stage: Stage;
  deals: Opportunity[];
  totalCents: bigint;
  truncated: boolean;
  loading: boolean;
  ownerName: (id: string | null) => string;
  onMove: (deal: Opportunity, stage: Stage) => void;
  onDropDeal: (dealId: string, stage: Stage) => void;
}

export function StageColumn({ stage, deals, totalCents, truncated, loading, ownerName, onMove, onDropDeal }: StageColumnProps) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  const virtualizer = useVirtualizer({ count: deals.length, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_HEIGHT, overscan: 6 });
  const accent = stageColors[stage] === 'default' ? '#8c8c8c' : stageColors[stage];

  return (
    <section
      data-testid={`stage-column-${stage}`}
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
      style={{ flex: '0 0 260px', display: 'flex', flexDirection: 'column', background: over ? '#e6f0ff' : '#f0f2f5', borderRadius: 8, borderTop: `3px solid ${accent}`, transition: 'background 120ms' }}
    >
      <header style={{ padding: '10px 12px 6px' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Typography.Text strong>{labels.stage(stage)}</Typography.Text>
          {!loading && <Typography.Text type="secondary" data-testid="stage-count">{format.number(deals.length)}</Typography.Text>}
        </div>
        <Tooltip title={format.money(totalCents)}>
          <Typography.Text data-testid="stage-total" style={{ fontSize: 13 }}>{format.compactMoney(totalCents)}</Typography.Text>
        </Tooltip>
        {truncated && <div><Typography.Text type="warning" style={{ fontSize: 12 }}>{t('pipeline.truncated')}</Typography.Text></div>}
      </header>
      <div ref={scrollRef} style={{ flex: 1, overflowY: 'auto', padding: '0 8px 8px', minHeight: 120 }}>
        {loading ? (
          <Skeleton active title={false} paragraph={{ rows: 6 }} />
        ) : deals.length === 0 ? (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', padding: '24px 8px', fontSize: 12 }}>{t('pipeline.emptyColumn')}</Typography.Text>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const deal = deals[row.index];
              return (
                <div key={deal.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
                  <DealCard deal={deal} ownerName={ownerName(deal.ownerId)} onMove={onMove} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
