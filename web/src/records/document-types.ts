// Document types the app offers for uploads; known ones get a localised label, others show as typed.
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';

export const documentTypes = ['price_comparison', 'tech_comparison', 'reference_case', 'contract', 'minutes', 'other'] as const;

export function useDocumentTypeLabel() {
  const { t } = useI18n();
  return (name: string, fallback?: string) => {
    const key = `documentType.${name}` as MessageKey;
    const text = t(key);
    return text === key ? (fallback ?? name) : text;
  };
}
