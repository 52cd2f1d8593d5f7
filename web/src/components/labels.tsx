// Localised labels and tags for the API's enum values (stages, channels, moods, roles).
import { useMemo } from 'react';
import { Tag } from 'antd';
import type { ActivityType, DecisionRole, Mood, Role, Stage } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export const stageColors: Record<Stage, string> = {
  lead: 'default',
  qualified: 'cyan',
  solution: 'blue',
  quoted: 'geekblue',
  negotiation: 'purple',
  won: 'green',
  lost: 'red',
};

export const moodEmoji: Record<Mood, string> = { positive: '😊', neutral: '😐', hesitant: '🤔', negative: '😟' };

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  return <Tag color={stageColors[stage]}>{t(`stage.${stage}`)}</Tag>;
}

export function useLabels() {
  const { t } = useI18n();
  return useMemo(() => ({
    stage: (s: Stage) => t(`stage.${s}`),
    activityType: (a: ActivityType) => t(`activityType.${a}`),
    mood: (m: Mood) => t(`mood.${m}`),
    role: (r: Role) => t(`role.${r}`),
    decisionRole: (d: DecisionRole) => t(`decisionRole.${d}`),
  }), [t]);
}
