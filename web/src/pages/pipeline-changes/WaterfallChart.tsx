// The pipeline-changes waterfall drawn with ECharts (loaded with this file only): start, then each
// addition and subtraction floating at the running total, then end; a bar opens its deals.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { toCents } from '../../i18n/format.ts';
import { bucketSign, waterfallBuckets, type BucketKey, type PipelineChanges } from './change-types.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface WaterfallChartProps {
  changes: PipelineChanges;
  label: (bucket: BucketKey) => string;
  money: (cents: bigint) => string;
  compactMoney: (cents: bigint) => string;
  onOpen: (bucket: BucketKey) => void;
  ariaLabel: string;
}

const colours = { total: '#1664d9', plus: '#389e0d', minus: '#cf1322', aside: '#8c8c8c' };

export default function WaterfallChart({ changes, label, money, compactMoney, onOpen, ariaLabel }: WaterfallChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    let running = 0n;
    const bars = waterfallBuckets.map((bucket) => {
      const cents = toCents(changes.buckets[bucket].amount);
      const sign = bucketSign[bucket];
      let base = 0n;
      if (sign === 'total') running = cents;
      else if (sign === 'plus') {
        base = running;
        running += cents;
      } else {
        running -= cents;
        base = running;
      }
      // the figures stay exact (bigint); only the bar heights become numbers, in yuan
      return { bucket, cents, base: Number(base) / 100, value: Number(cents) / 100, colour: colours[sign] };
    });
    const narrow = ref.current.clientWidth < 560;
    chart.setOption({
      animation: false,
      grid: { left: narrow ? 56 : 80, right: 16, top: 24, bottom: narrow ? 72 : 40 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number }>) => {
          const bar = bars[params[0]?.dataIndex ?? 0];
          return `${label(bar.bucket)}<br/>${money(bar.cents)} · ${changes.buckets[bar.bucket].count}`;
        },
      },
      xAxis: { type: 'category', data: bars.map((b) => label(b.bucket)), axisLabel: { interval: 0, rotate: narrow ? 40 : 0, fontSize: 11 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactMoney(BigInt(Math.round(v * 100))) } },
      series: [
        { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: bars.map((b) => b.base) },
        {
          type: 'bar',
          stack: 'w',
          barMaxWidth: 48,
          label: { show: !narrow, position: 'top', fontSize: 11, formatter: (p: { dataIndex: number }) => compactMoney(bars[p.dataIndex].cents) },
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.colour } })),
        },
      ],
    });
    chart.on('click', (p) => {
      const bar = bars[p.dataIndex];
      if (bar) onOpen(bar.bucket);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [changes, label, money, compactMoney, onOpen]);
  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height: 320 }} data-testid="pipeline-waterfall" />;
}
