import type { CategoryDto, CategoryVersionDto, DepartmentDto, UpdateCategoryRequest } from '@grid/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

const CATEGORIES = ['categories'] as const;
const versionsKey = (code: string) => ['categories', code, 'versions'] as const;

/** The list as it stands now (each category in the version in effect). */
export function useCategoryList() {
  return useQuery({ queryKey: CATEGORIES, queryFn: ({ signal }) => apiRequest<CategoryDto[]>('/api/categories', { signal }) });
}

export function useDepartmentList() {
  return useQuery({ queryKey: ['departments'], queryFn: ({ signal }) => apiRequest<DepartmentDto[]>('/api/departments', { signal }), staleTime: 5 * 60_000 });
}

/** Every version of one category, newest first. */
export function useCategoryVersions(code: string | null) {
  return useQuery({
    queryKey: versionsKey(code ?? ''),
    queryFn: ({ signal }) => apiRequest<CategoryVersionDto[]>(`/api/admin/categories/${encodeURIComponent(code ?? '')}/versions`, { signal }),
    enabled: code !== null,
  });
}

/** Saves a new version; the list and the category's history are read again. */
export function useUpdateCategory(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCategoryRequest) => apiRequest<CategoryVersionDto>(`/api/admin/categories/${encodeURIComponent(code)}`, { method: 'PUT', body }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: CATEGORIES, exact: true }), client.invalidateQueries({ queryKey: versionsKey(code) })]),
  });
}
