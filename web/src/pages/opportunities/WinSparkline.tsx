// The deal's win probability over time as a small line (ECharts, loaded only when the deal page shows it).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { WinHistoryPoint } from '../../api/win-model-types.ts';
import { formatPercent } from '../../i18n/format.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function WinSparkline({ points, formatTime }: { points: WinHistoryPoint[]; formatTime: (iso: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      grid: { left: 32, right: 8, top: 8, bottom: 20 },
      tooltip: { trigger: 'axis', formatter: (p: { dataIndex: number }[]) => `${formatTime(points[p[0].dataIndex].scoredAt)}<br/>${formatPercent(points[p[0].dataIndex].probability)} · v${points[p[0].dataIndex].modelVersion}` },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => formatTime(p.scoredAt)), axisLabel: { show: false }, axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, max: 100, splitNumber: 2, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'line', data: points.map((p) => Math.round(p.probability * 100)), smooth: true, symbolSize: 5, areaStyle: { opacity: 0.1 }, lineStyle: { width: 2 } }],
    });
    // the card lays out after the chart starts: follow the container's width, not only the window's
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, formatTime]);
  return <div ref={ref} data-testid="win-sparkline" style={{ width: '100%', height: 90 }} />;
}
