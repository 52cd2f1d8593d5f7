// The tenant's evidence document types (from the pipeline rules) plus a few general ones, labelled in the user's language.
import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { DOCUMENT_TYPES_PATH, type DocumentTypesConfig } from '../api/pipeline-types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** general-purpose types offered besides the tenant's own (labels from the dictionary) */
const generalTypes = ['contract', 'minutes', 'other'] as const;

export function useDocumentTypesConfig() {
  return useQuery({ queryKey: [DOCUMENT_TYPES_PATH], staleTime: 60_000, queryFn: ({ signal }) => api.get<DocumentTypesConfig>(DOCUMENT_TYPES_PATH, {}, signal) });
}

/** picks the label of the user's language from a `{label, labelEn}` pair */
export function useLocalLabel() {
  const { locale } = useI18n();
  return useCallback((item: { label: string; labelEn: string }) => (locale === 'en' ? item.labelEn : item.label), [locale]);
}

/** every type an upload may carry, as select options: the tenant's first, then the general ones it does not already have */
export function useDocumentTypeOptions() {
  const { t } = useI18n();
  const local = useLocalLabel();
  const config = useDocumentTypesConfig();
  return useMemo(() => {
    const own = config.data?.documentTypes ?? [];
    const have = new Set(own.map((d) => d.key));
    return [
      ...own.map((d) => ({ value: d.key, label: local(d) })),
      ...generalTypes.filter((key) => !have.has(key)).map((key) => ({ value: key, label: t(`documentType.${key}`) })),
    ];
  }, [config.data, local, t]);
}

/** a document type's label: the tenant's, else the dictionary's general one, else `fallback` or the key */
export function useDocumentTypeLabel() {
  const options = useDocumentTypeOptions();
  return useCallback((name: string, fallback?: string) => options.find((o) => o.value === name)?.label ?? fallback ?? name, [options]);
}
