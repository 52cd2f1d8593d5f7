// Loads a settings document into a form and saves it back with PUT, refusals placed under their fields.
import { useEffect } from 'react';
import { App, Form } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';

export function useSettingsForm<T extends object, V = T>(path: string, toForm: (settings: T) => V, toBody: (values: V) => unknown) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const errors = useFormErrors(form);
  const query = useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<T>(path, {}, signal) });
  useEffect(() => {
    if (query.data) form.setFieldsValue(toForm(query.data));
  }, [query.data, form, toForm]);
  const save = useMutation({
    mutationFn: (values: V) => api.put<T>(path, toBody(values)),
    onMutate: () => errors.clear(),
    onSuccess: (saved) => {
      queryClient.setQueryData([path], saved);
      void message.success(t('settings.saved'));
    },
    onError: (error) => errors.show(error),
  });
  return { form, query, save, errors };
}
