// A share shown as a progress bar with "met / total"; no deals means no share (shown as —), never 0%.
import { Progress, Tooltip, Typography } from 'antd';
import { formatPercent } from '../../i18n/format.ts';

const colorFor = (share: number) => (share >= 0.8 ? '#389e0d' : share >= 0.5 ? '#d48806' : '#cf1322');

export function ShareCell({ share, met, total, onOpen, label }: { share: number | null; met: number; total: number; onOpen?: () => void; label: string }) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const bar = <Progress percent={Math.round(share * 1000) / 10} size="small" strokeColor={colorFor(share)} format={() => formatPercent(share, { digits: 1 })} style={{ minWidth: 110, margin: 0 }} />;
  return (
    <Tooltip title={label}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        {bar}
        {onOpen && met < total ? (
          <Typography.Link onClick={onOpen} data-testid="open-offending" style={{ whiteSpace: 'nowrap' }}>{`${met}/${total}`}</Typography.Link>
        ) : (
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{`${met}/${total}`}</Typography.Text>
        )}
      </div>
    </Tooltip>
  );
}
