import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

/**
 * An import of the console that is checked first, then applied (people, devices): `check` uploads the file to `path`
 * (multipart `file`) and answers the checked import; `apply` applies it by id and refreshes the queries under `refresh`.
 */
export function useCheckedImport<Checked, Applied>(path: string, refresh: readonly unknown[]) {
  const client = useQueryClient();
  return {
    check: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData();
        form.append('file', file);
        return apiRequest<Checked>(path, { method: 'POST', body: form });
      },
    }),
    apply: useMutation({
      mutationFn: (id: string) => apiRequest<Applied>(`${path}/${id}/apply`, { method: 'POST' }),
      onSuccess: () => client.invalidateQueries({ queryKey: refresh }),
    }),
  };
}
