import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

/** The departments paired with the village an area lies in (包村): the whistle dialog offers them first. */
export function usePairedDepartments(areaId: string | undefined): string[] {
  const paired = useQuery({
    queryKey: ['departments', 'paired', areaId],
    queryFn: () => apiRequest<{ departmentIds: string[] }>(`/api/departments/paired?areaId=${areaId}`),
    enabled: Boolean(areaId),
  });
  return paired.data?.departmentIds ?? [];
}
