import type { AreaFeatureCollection, AreaLevel, TerritoryApplyDto, TerritoryCompareDto, TerritoryCrs, TerritoryEditRequest, TerritoryImportDto, TerritoryImportPreviewDto, TerritoryMapping, TerritoryStaffingRowDto, TerritoryVersionDto } from '@grid/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

const VERSIONS = ['territory', 'versions'] as const;
const STAFFING = ['territory', 'staffing'] as const;

export function useTerritoryVersions() {
  return useQuery({ queryKey: VERSIONS, queryFn: ({ signal }) => apiRequest<TerritoryVersionDto[]>('/api/territory/versions', { signal }) });
}

export function useTerritoryCompare(from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['territory', 'compare', from, to],
    enabled: from !== null && to !== null && from !== to,
    queryFn: ({ signal }) => apiRequest<TerritoryCompareDto>(`/api/territory/versions/compare?from=${from}&to=${to}`, { signal }),
  });
}

export function useTerritoryStaffing() {
  return useQuery({ queryKey: STAFFING, queryFn: ({ signal }) => apiRequest<TerritoryStaffingRowDto[]>('/api/admin/territory/staffing', { signal }) });
}

export function useImportPreview(id: string | null) {
  return useQuery({
    queryKey: ['territory', 'import', id, 'preview'],
    enabled: id !== null,
    queryFn: ({ signal }) => apiRequest<TerritoryImportPreviewDto>(`/api/admin/territory/imports/${id}/preview`, { signal }),
  });
}

export function useCheckTerritoryFile() {
  return useMutation({
    mutationFn: ({ file, crs }: { file: File; crs: TerritoryCrs }) => {
      const form = new FormData();
      form.append('crs', crs);
      form.append('file', file);
      return apiRequest<TerritoryImportDto>('/api/admin/territory/imports', { method: 'POST', body: form });
    },
  });
}

export function useRemapImport() {
  return useMutation({
    mutationFn: ({ id, mapping }: { id: string; mapping: TerritoryMapping }) => apiRequest<TerritoryImportDto>(`/api/admin/territory/imports/${id}/mapping`, { method: 'PUT', body: mapping }),
  });
}

export function useApplyImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reroute }: { id: string; reroute: boolean }) => apiRequest<TerritoryApplyDto>(`/api/admin/territory/imports/${id}/apply`, { method: 'POST', body: { reroute } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['territory'] }),
  });
}

/** The current boundaries of one level, to draw and edit; refetched after an apply (it invalidates ['territory']). */
export function useTerritoryAreas(level: AreaLevel) {
  return useQuery({ queryKey: ['territory', 'areas', level], queryFn: ({ signal }) => apiRequest<AreaFeatureCollection>(`/api/areas/geojson?level=${level}`, { signal }) });
}

/** Checks one boundary edited on the map; the answer is an import to preview and apply like a file's. */
export function useCheckEdit() {
  return useMutation({
    mutationFn: (edit: TerritoryEditRequest) => apiRequest<TerritoryImportDto>('/api/admin/territory/edits', { method: 'POST', body: edit }),
  });
}
