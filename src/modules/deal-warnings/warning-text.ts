// The words of a deal warning in the workbench alert (the product speaks zh-CN first): a title
// naming the deal and the finding, a body with the evidence and the time left to the close date.
import type { Evidence, WarningKind } from './warning-rules.ts';

const stageNames: Record<string, string> = { lead: '线索', qualified: '已确认', solution: '方案', quoted: '已报价', negotiation: '谈判' };
const day = (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 10) : '—');

export function warningTitle(kind: WarningKind, dealName: string, e: Evidence): string {
  switch (kind) {
    case 'no_activity':
      return `商机预警：「${dealName}」已 ${String(e.daysWithoutActivity)} 天无跟进`;
    case 'decision_maker_silent':
      return `商机预警：「${dealName}」决策人已 ${String(e.daysSilent)} 天未接触`;
    case 'stalled_in_stage':
      return `商机预警：「${dealName}」在${stageNames[String(e.stage)] ?? String(e.stage)}阶段停滞 ${String(e.daysInStage)} 天`;
    case 'close_date_pushed':
      return `商机预警：「${dealName}」预计成交日期已推迟 ${String(e.pushCount)} 次`;
    case 'amount_cut':
      return `商机预警：「${dealName}」金额下调 ${String(e.cutPct)}%`;
    case 'competitor_appeared':
      return `商机预警：「${dealName}」出现竞争对手 ${(e.competitors as string[]).join('、')}`;
  }
}

export function warningBody(kind: WarningKind, e: Evidence, close: { expectedCloseDate: string | null; daysBeforeClose: number | null }): string {
  const when = close.expectedCloseDate === null ? '未填写预计成交日期' : close.daysBeforeClose !== null && close.daysBeforeClose >= 0 ? `预计成交 ${close.expectedCloseDate}（还有 ${close.daysBeforeClose} 天）` : `预计成交 ${close.expectedCloseDate}（已过期）`;
  const fact = (() => {
    switch (kind) {
      case 'no_activity':
        return e.neverTouched ? `创建至今没有任何跟进记录（阈值 ${String(e.thresholdDays)} 天）` : `最近一次跟进 ${day(e.lastActivityAt)}（阈值 ${String(e.thresholdDays)} 天）`;
      case 'decision_maker_silent': {
        const people = (e.decisionMakers as { name: string }[]).map((p) => p.name).join('、');
        const last = e.neverTouched ? '从未接触' : `最近接触 ${day(e.lastDecisionMakerTouchAt)}`;
        return `决策人 ${people} ${last}${e.otherTouchesContinue ? `，其他联系人仍有跟进（最近 ${day(e.lastOtherTouchAt)}）` : ''}（阈值 ${String(e.thresholdDays)} 天）`;
      }
      case 'stalled_in_stage':
        return e.basis === 'tenant_history'
          ? `自 ${day(e.inStageSince)} 起停留 ${String(e.daysInStage)} 天，本公司赢单商机在此阶段通常不超过 ${String(e.normDays)} 天（第 ${String(e.percentile)} 百分位，${String(e.wonDealsInHistory)} 个赢单）`
          : `自 ${day(e.inStageSince)} 起停留 ${String(e.daysInStage)} 天，超过设定的 ${String(e.normDays)} 天（历史赢单仅 ${String(e.wonDealsInHistory)} 个，不足以计算常规值，按租户设置）`;
      case 'close_date_pushed':
        return `${(e.pushes as { from: string; to: string }[]).map((p) => `${p.from} → ${p.to}`).join('，')}，累计推迟 ${String(e.totalDaysPushed)} 天`;
      case 'amount_cut':
        return `金额由 ¥${String(e.highestAmount)} 降至 ¥${String(e.currentAmount)}，减少 ¥${String(e.cutAmount)}`;
      case 'competitor_appeared': {
        const first = (e.mentions as { excerpt: string }[])[0];
        return `近 ${String(e.lookbackDays)} 天的跟进或备注提到 ${(e.competitors as string[]).join('、')}${first ? `：“${first.excerpt}”` : ''}`;
      }
    }
  })();
  return `${fact}。${when}。`;
}
