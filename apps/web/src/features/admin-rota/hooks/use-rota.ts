import type { AreaDto, CreateLeaveRequest, CreatePatternRequest, CreateShiftRequest, LeaveDto, OnDutyResponse, PatternDto, RotaImportDto, ShiftDto, UserDto } from '@grid/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

const DAY_MS = 86_400_000;
/** Beijing time: the rota's days and times are local to the district (UTC+8). */
const OFFSET_MS = 8 * 3_600_000;

/** Monday 00:00 Beijing time of the week holding `ms`, as epoch ms. */
export function weekStartOf(ms: number): number {
  const local = ms + OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday 0
  return (day - weekday) * DAY_MS - OFFSET_MS;
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in Beijing time. */
export function localParts(iso: string | number): { date: string; time: string } {
  const shifted = new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** A local date and time of day (Beijing) as an ISO instant. */
export function instantOf(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString();
}

const keys = {
  all: ['rota'] as const,
  week: (gridId: string, from: number) => ['rota', 'shifts', gridId, from] as const,
};

export function useGrids() {
  return useQuery({ queryKey: ['rota', 'grids'], queryFn: () => apiRequest<AreaDto[]>('/api/areas?level=grid') });
}

export function useWorkers() {
  return useQuery({
    queryKey: ['rota', 'people'],
    queryFn: async () => {
      const [workers, leaders] = await Promise.all([apiRequest<UserDto[]>('/api/users?role=grid_worker'), apiRequest<UserDto[]>('/api/users?role=grid_leader')]);
      return [...workers, ...leaders];
    },
  });
}

export function useWeek(gridId: string | null, from: number) {
  const to = from + 7 * DAY_MS;
  const range = `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
  const enabled = gridId !== null;
  return {
    shifts: useQuery({ queryKey: keys.week(gridId ?? '', from), enabled, queryFn: () => apiRequest<ShiftDto[]>(`/api/admin/shifts?areaId=${gridId}&${range}`) }),
    patterns: useQuery({ queryKey: ['rota', 'patterns', gridId], enabled, queryFn: () => apiRequest<PatternDto[]>(`/api/admin/shift-patterns?areaId=${gridId}`) }),
    leaves: useQuery({ queryKey: ['rota', 'leaves', gridId, from], enabled, queryFn: () => apiRequest<LeaveDto[]>(`/api/admin/leaves?areaId=${gridId}&${range}`) }),
    onDuty: useQuery({ queryKey: ['rota', 'on-duty', gridId], enabled, queryFn: () => apiRequest<OnDutyResponse>(`/api/areas/${gridId}/on-duty`) }),
  };
}

/** Every write refreshes what the section shows. */
function useRotaMutation<V, R>(run: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: keys.all }) });
}

export const useAddShift = () => useRotaMutation((body: CreateShiftRequest) => apiRequest<ShiftDto>('/api/admin/shifts', { method: 'POST', body }));
export const useDeleteShift = () => useRotaMutation((id: string) => apiRequest<void>(`/api/admin/shifts/${id}`, { method: 'DELETE' }));
export const useAddPattern = () => useRotaMutation((body: CreatePatternRequest) => apiRequest<PatternDto>('/api/admin/shift-patterns', { method: 'POST', body }));
export const useDeletePattern = () => useRotaMutation((id: string) => apiRequest<void>(`/api/admin/shift-patterns/${id}`, { method: 'DELETE' }));
export const useAddLeave = () => useRotaMutation((body: CreateLeaveRequest) => apiRequest<LeaveDto>('/api/admin/leaves', { method: 'POST', body }));
export const useDeleteLeave = () => useRotaMutation((id: string) => apiRequest<void>(`/api/admin/leaves/${id}`, { method: 'DELETE' }));
export const useCheckImport = () =>
  useRotaMutation((file: File) => {
    const form = new FormData();
    form.append('file', file);
    return apiRequest<RotaImportDto>('/api/admin/rota/imports', { method: 'POST', body: form });
  });
export const useApplyImport = () => useRotaMutation((id: string) => apiRequest<RotaImportDto>(`/api/admin/rota/imports/${id}/apply`, { method: 'POST', body: {} }));

/** The template needs the bearer token: fetched as a blob, then saved. */
export async function downloadTemplate(): Promise<void> {
  const blob = await apiRequest<Blob>('/api/admin/rota/template', { responseType: 'blob' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'rota-template.xlsx';
  a.click();
  URL.revokeObjectURL(url);
}

export { DAY_MS };
