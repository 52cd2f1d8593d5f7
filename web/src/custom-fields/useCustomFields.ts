// The admin-defined fields of one record type, loaded once and cached (forms, profiles and lists all read them).
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../api/client.ts';
import type { CustomField, CustomFieldEntity } from '../api/types.ts';

export const CUSTOM_FIELDS_KEY = '/api/custom-fields';

export function useCustomFields(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: [CUSTOM_FIELDS_KEY, entity],
    queryFn: async ({ signal }) => (await api.get<Page<CustomField>>('/api/custom-fields', { entity, sort: 'createdAt', limit: 200 }, signal)).items,
    staleTime: 5 * 60_000,
  });
}
