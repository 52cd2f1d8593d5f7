// A form's refusal from the API: each field complaint is put under its field, the localised headline (and anything not placed) above the form.
import { useCallback, useState, type ReactNode } from 'react';
import { Alert, type FormInstance } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorHeadline, errorMessage, fieldIssues } from './errors.ts';

export interface FormErrors {
  /** the alert to render above the form, or null */
  alert: ReactNode;
  show: (error: unknown) => void;
  clear: () => void;
}

const nameKey = (name: readonly (string | number)[]) => name.map(String).join('.');

export function useFormErrors<T>(form: FormInstance<T>): FormErrors {
  const { t } = useI18n();
  const [state, setState] = useState<{ error: unknown; allPlaced: boolean } | null>(null);
  const show = useCallback(
    (error: unknown) => {
      const fieldNames = new Set(form.getFieldsError().map((f) => nameKey(f.name)));
      const issues = fieldIssues(error);
      const placed = issues.filter((issue) => fieldNames.has(nameKey(issue.name)));
      form.setFields(placed.map((issue) => ({ name: issue.name as never, errors: [issue.message] })));
      setState({ error, allPlaced: placed.length > 0 && placed.length === issues.length });
    },
    [form],
  );
  const clear = useCallback(() => setState(null), []);
  const detail = state && !state.allPlaced ? errorMessage(t, state.error) : '';
  const alert = state ? <Alert type="error" showIcon role="alert" title={errorHeadline(t, state.error)} description={detail || undefined} style={{ marginBottom: 12 }} data-testid="form-error" /> : null;
  return { alert, show, clear };
}
