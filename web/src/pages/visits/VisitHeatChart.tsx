// The visit heat map drawn with ECharts (loaded only when the heat map tab opens): one square per lat/lng grid cell, coloured by visits; no map tiles.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { VisitHeatmap } from '../../api/process-types.ts';

echarts.use([ScatterChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface VisitHeatChartProps {
  heatmap: VisitHeatmap;
  axisNames: { lat: string; lng: string };
  tooltip: (cell: { lat: number; lng: number; visits: number; reps: number }) => string;
}

export default function VisitHeatChart({ heatmap, axisNames, tooltip }: VisitHeatChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    // a colour scale needs two ends: with a single visit count the one cell still shows
    const max = Math.max(2, ...heatmap.cells.map((c) => c.visits));
    const pad = heatmap.cellDegrees;
    const lats = heatmap.cells.map((c) => c.lat);
    const lngs = heatmap.cells.map((c) => c.lng);
    chart.setOption({
      animation: false,
      grid: { left: 64, right: 24, top: 16, bottom: 96 },
      tooltip: { formatter: (p: { data: [number, number, number, number] }) => tooltip({ lng: p.data[0], lat: p.data[1], visits: p.data[2], reps: p.data[3] }) },
      xAxis: { type: 'value', name: axisNames.lng, nameLocation: 'middle', nameGap: 30, scale: true, min: Math.min(...lngs) - pad, max: Math.max(...lngs) + pad },
      yAxis: { type: 'value', name: axisNames.lat, nameLocation: 'middle', nameGap: 48, scale: true, min: Math.min(...lats) - pad, max: Math.max(...lats) + pad },
      visualMap: { min: 1, max, dimension: 2, orient: 'horizontal', left: 'center', bottom: 0, calculable: true, inRange: { color: ['#bae0ff', '#1664d9', '#d4380d'] } },
      series: [{ type: 'scatter', symbol: 'rect', symbolSize: (v: number[]) => 8 + 22 * Math.sqrt(v[2] / max), data: heatmap.cells.map((c) => [c.lng, c.lat, c.visits, c.reps]) }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [heatmap, axisNames, tooltip]);
  return <div ref={ref} style={{ width: '100%', height: 380 }} data-testid="visit-heatmap-chart" />;
}
