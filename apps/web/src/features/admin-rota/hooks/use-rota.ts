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

/** Where a rota is kept: a grid, or a department (ADR 0010 addendum). */
export type RotaPlace = { areaId: string } | { departmentId: string };
const placeId = (place: RotaPlace) => ('areaId' in place ? place.areaId : place.departmentId);
const placeQuery = (place: RotaPlace) => ('areaId' in place ? `areaId=${place.areaId}` : `departmentId=${place.departmentId}`);

const keys = {
  all: ['rota'] as const,
  week: (placeKey: string, from: number) => ['rota', 'shifts', placeKey, from] as const,
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

/** The staff of a department: the people its rota may name. */
export function useDepartmentStaff(departmentId: string | null) {
  return useQuery({ queryKey: ['rota', 'department-staff', departmentId], enabled: departmentId !== null, queryFn: () => apiRequest<UserDto[]>(`/api/users?departmentId=${departmentId}`) });
}

/** A week of a grid's or a department's rota: shifts, weekly patterns, leave, and who is on duty now. */
export function useWeek(place: RotaPlace | null, from: number) {
  const to = from + 7 * DAY_MS;
  const range = `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
  const enabled = place !== null;
  const id = place ? placeId(place) : '';
  const query = place ? placeQuery(place) : '';
  // A department's leave is everyone's leave of the week (only administrators edit department rotas), narrowed by the caller to its staff.
  const leaves = place && 'areaId' in place ? `/api/admin/leaves?${query}&${range}` : `/api/admin/leaves?${range}`;
  const onDuty = place && 'departmentId' in place ? `/api/departments/${id}/on-duty` : `/api/areas/${id}/on-duty`;
  return {
    shifts: useQuery({ queryKey: keys.week(id, from), enabled, queryFn: () => apiRequest<ShiftDto[]>(`/api/admin/shifts?${query}&${range}`) }),
    patterns: useQuery({ queryKey: ['rota', 'patterns', id], enabled, queryFn: () => apiRequest<PatternDto[]>(`/api/admin/shift-patterns?${query}`) }),
    leaves: useQuery({ queryKey: ['rota', 'leaves', id, from], enabled, queryFn: () => apiRequest<LeaveDto[]>(leaves) }),
    onDuty: useQuery({ queryKey: ['rota', 'on-duty', id], enabled, queryFn: () => apiRequest<OnDutyResponse>(onDuty) }),
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
