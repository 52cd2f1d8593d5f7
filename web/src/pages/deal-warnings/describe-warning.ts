// Turns a warning's evidence into words in the user's language: what was found, and a flag when
// the finding rests on a fallback instead of the tenant's own history.
import type { Translate } from '../../i18n/I18nProvider.tsx';
import type { Formatters } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import type { Evidence, WarningKind } from './warning-types.ts';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export interface WarningWords {
  kind: string;
  detail: string;
  /** a note that the finding used a fallback or lacks something */
  flag?: string;
}

export function describeWarning(kind: WarningKind, e: Evidence, t: Translate, format: Formatters, stageLabel: (stage: string) => string): WarningWords {
  const words = { kind: t(`dealWarnings.kind.${kind}` as MessageKey) };
  const day = (v: unknown) => format.date(typeof v === 'string' ? v : null);
  switch (kind) {
    case 'no_activity':
      return { ...words, detail: e.neverTouched ? t('dealWarnings.detail.no_activityNever', { days: num(e.daysWithoutActivity), threshold: num(e.thresholdDays) }) : t('dealWarnings.detail.no_activity', { days: num(e.daysWithoutActivity), last: day(e.lastActivityAt), threshold: num(e.thresholdDays) }) };
    case 'decision_maker_silent': {
      const people = (Array.isArray(e.decisionMakers) ? (e.decisionMakers as { name: string }[]) : []).map((p) => p.name).join('、');
      const main = e.neverTouched ? t('dealWarnings.detail.decision_maker_silentNever', { people, days: num(e.daysSilent), threshold: num(e.thresholdDays) }) : t('dealWarnings.detail.decision_maker_silent', { people, days: num(e.daysSilent), last: day(e.lastDecisionMakerTouchAt), threshold: num(e.thresholdDays) });
      return { ...words, detail: e.otherTouchesContinue ? `${main}${t('dealWarnings.and')}${t('dealWarnings.othersContinue', { last: day(e.lastOtherTouchAt) })}` : main };
    }
    case 'stalled_in_stage': {
      const vars = { stage: stageLabel(str(e.stage)), days: num(e.daysInStage), norm: num(e.normDays), percentile: num(e.percentile), won: num(e.wonDealsInHistory) };
      return e.basis === 'tenant_history' ? { ...words, detail: t('dealWarnings.detail.stalled_in_stage', vars) } : { ...words, detail: t('dealWarnings.detail.stalled_in_stageFallback', vars), flag: t('dealWarnings.fallbackFlag', vars) };
    }
    case 'close_date_pushed': {
      const pushes = (Array.isArray(e.pushes) ? (e.pushes as { from: string; to: string }[]) : []).map((p) => `${format.date(p.from)} → ${format.date(p.to)}`).join(', ');
      return { ...words, detail: t('dealWarnings.detail.close_date_pushed', { count: num(e.pushCount), days: num(e.totalDaysPushed), pushes }) };
    }
    case 'amount_cut':
      return { ...words, detail: t('dealWarnings.detail.amount_cut', { from: format.money(str(e.highestAmount)), to: format.money(str(e.currentAmount)), cut: format.money(str(e.cutAmount)), pct: num(e.cutPct) }) };
    case 'competitor_appeared': {
      const mentions = Array.isArray(e.mentions) ? (e.mentions as { excerpt: string }[]) : [];
      const names = (Array.isArray(e.competitors) ? (e.competitors as string[]) : []).join('、');
      const detail = t('dealWarnings.detail.competitor_appeared', { days: num(e.lookbackDays), names });
      return { ...words, detail: mentions[0] ? `${detail}: “${mentions[0].excerpt}”` : detail };
    }
  }
}

export function unknownReason(kind: WarningKind, t: Translate): string {
  if (kind === 'decision_maker_silent' || kind === 'close_date_pushed' || kind === 'competitor_appeared') return t(`dealWarnings.unknown.${kind}`);
  return t('dealWarnings.unknown.other');
}
