// The decision-chain map drawn with ECharts (loaded only when a 客户360 page shows it): tiers by role, size by influence.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { decisionRoles, type Contact } from '../../api/types.ts';

echarts.use([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);

const roleColors = ['#d4380d', '#1664d9', '#389e0d', '#8c8c8c'];
const tierOf = (c: Contact) => decisionRoles.indexOf(c.decisionRole ?? 'user');

export interface DecisionChainChartProps {
  contacts: Contact[];
  roleLabel: (role: (typeof decisionRoles)[number]) => string;
  influenceLabel: (n: number) => string;
}

export default function DecisionChainChart({ contacts, roleLabel, influenceLabel }: DecisionChainChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const tiers = decisionRoles.map((_, tier) => contacts.filter((c) => tierOf(c) === tier));
    const nodes = tiers.flatMap((members, tier) =>
      members.map((c, i) => ({
        id: c.id,
        name: c.name,
        category: tier,
        x: ((i + 1) / (members.length + 1)) * 1000,
        y: tier * 160,
        symbolSize: 24 + (c.influence ?? 1) * 8,
        value: c.influence ?? 0,
        tooltip: { formatter: `${c.name}${c.title ? ` · ${c.title}` : ''}<br/>${roleLabel(decisionRoles[tier])} · ${influenceLabel(c.influence ?? 0)}` },
      })),
    );
    // influence flows up the chain: each contact links to the contacts one tier above
    const links = tiers.flatMap((members, tier) => {
      const above = tiers.slice(0, tier).reverse().find((t) => t.length > 0) ?? [];
      return members.flatMap((c) => above.map((target) => ({ source: c.id, target: target.id })));
    });
    chart.setOption({
      tooltip: {},
      legend: { data: decisionRoles.map(roleLabel), bottom: 0 },
      color: roleColors,
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          label: { show: true, position: 'bottom', formatter: '{b}' },
          edgeSymbol: ['none', 'arrow'],
          lineStyle: { color: '#bfbfbf', curveness: 0.1 },
          categories: decisionRoles.map((r) => ({ name: roleLabel(r) })),
          data: nodes,
          links,
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [contacts, roleLabel, influenceLabel]);
  return <div ref={ref} data-testid="decision-chain" style={{ width: '100%', height: 340 }} />;
}
