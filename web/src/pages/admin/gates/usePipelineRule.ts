// One pipeline rule document (gates, document types or transitions): loaded, and saved with PUT so every screen showing it refreshes.
import { App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

export function usePipelineRule<T>(path: string, onError: (error: unknown) => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<T>(path, {}, signal) });
  const save = useMutation({
    mutationFn: (body: unknown) => api.put<T>(path, body),
    onSuccess: (saved) => {
      queryClient.setQueryData([path], saved);
      void message.success(t('settings.saved'));
    },
    onError,
  });
  return { query, save };
}
