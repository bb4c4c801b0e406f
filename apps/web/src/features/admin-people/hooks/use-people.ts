import type { AddPostRequest, AreaDto, EndPostRequest, OneTimePassword, PeopleImportApplyResponse, PeopleImportResponse, PeopleListResponse, PersonDto, PostDto, PostTypeDto, VillagePairingDto } from '@grid/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';
import { useCheckedImport } from '../../admin/hooks/use-checked-import';

const PEOPLE = ['admin', 'people'] as const;

export function usePeople(query: { q: string; page: number; includeDisabled: boolean }) {
  const params = new URLSearchParams({ page: String(query.page), pageSize: '25', includeDisabled: String(query.includeDisabled) });
  if (query.q) params.set('q', query.q);
  return useQuery({ queryKey: [...PEOPLE, 'list', query], queryFn: () => apiRequest<PeopleListResponse>(`/api/admin/people?${params}`), placeholderData: keepPreviousData });
}

export function usePostTypes() {
  return useQuery({ queryKey: [...PEOPLE, 'post-types'], queryFn: () => apiRequest<PostTypeDto[]>('/api/admin/people/post-types'), staleTime: Infinity });
}

/** Every area (all levels), for choosing where a post sits and which village a department is paired with. */
export function useAllAreas() {
  return useQuery({ queryKey: ['areas', 'all'], queryFn: () => apiRequest<AreaDto[]>('/api/areas'), staleTime: 5 * 60_000 });
}

/** Mutations of one person; each refreshes the people list when it succeeds. */
export function usePersonActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: PEOPLE });
  return {
    addPost: useMutation({ mutationFn: ({ person, body }: { person: PersonDto; body: AddPostRequest }) => apiRequest<PostDto>(`/api/admin/people/${person.id}/posts`, { method: 'POST', body }), onSuccess: refresh }),
    endPost: useMutation({
      mutationFn: ({ person, post, body }: { person: PersonDto; post: PostDto; body: EndPostRequest }) => apiRequest<PostDto>(`/api/admin/people/${person.id}/posts/${post.id}/end`, { method: 'POST', body }),
      onSuccess: refresh,
    }),
    setActive: useMutation({ mutationFn: ({ person, active }: { person: PersonDto; active: boolean }) => apiRequest<PersonDto>(`/api/admin/people/${person.id}/status`, { method: 'PUT', body: { active } }), onSuccess: refresh }),
    resetPassword: useMutation({ mutationFn: (person: PersonDto) => apiRequest<OneTimePassword>(`/api/admin/people/${person.id}/password-reset`, { method: 'POST' }), onSuccess: refresh }),
  };
}

export function usePeopleImport() {
  return useCheckedImport<PeopleImportResponse, PeopleImportApplyResponse>('/api/admin/people/imports', PEOPLE);
}

export function usePairings() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: [...PEOPLE, 'pairings'], queryFn: () => apiRequest<VillagePairingDto[]>('/api/admin/pairings') });
  const save = useMutation({
    mutationFn: ({ villageId, departmentIds }: { villageId: string; departmentIds: string[] }) => apiRequest<VillagePairingDto[]>(`/api/admin/pairings/villages/${villageId}`, { method: 'PUT', body: { departmentIds } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...PEOPLE, 'pairings'] }),
  });
  return { list, save };
}

/** Saves a file the API serves only with the bearer token (the template). */
export async function downloadFromApi(path: string, filename: string): Promise<void> {
  saveBlob(await apiRequest<Blob>(path, { responseType: 'blob' }), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
