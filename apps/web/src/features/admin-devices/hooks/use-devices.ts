import type { CreateDeviceRequest, DeviceDto, DeviceImportApplyResponse, DeviceImportResponse, DeviceList, DeviceState, SensorRuleDto } from '@grid/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';
import { DEVICES_IN_ALARM } from '../../../sensors/device-queries';
import { useCheckedImport } from '../../admin/hooks/use-checked-import';

const DEVICES = ['admin', 'devices'] as const;

export function useDeviceRegistry(query: { q: string; state: DeviceState | null; page: number }) {
  const params = new URLSearchParams({ page: String(query.page), pageSize: '25' });
  if (query.q) params.set('q', query.q);
  if (query.state) params.set('state', query.state);
  return useQuery({ queryKey: [...DEVICES, 'list', query], queryFn: () => apiRequest<DeviceList>(`/api/admin/devices?${params}`), placeholderData: keepPreviousData });
}

export function useSensorRules() {
  return useQuery({ queryKey: [...DEVICES, 'rules'], queryFn: () => apiRequest<SensorRuleDto[]>('/api/admin/sensor-rules'), staleTime: 60_000 });
}

/** Register and retire; each refreshes the registry (and the wall's layer, which a retired device leaves). */
export function useDeviceActions() {
  const client = useQueryClient();
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: DEVICES }), client.invalidateQueries({ queryKey: DEVICES_IN_ALARM })]);
  return {
    register: useMutation({ mutationFn: (body: CreateDeviceRequest) => apiRequest<DeviceDto>('/api/admin/devices', { method: 'POST', body }), onSuccess: refresh }),
    retire: useMutation({ mutationFn: (device: DeviceDto) => apiRequest<DeviceDto>(`/api/admin/devices/${device.id}/retire`, { method: 'POST' }), onSuccess: refresh }),
  };
}

export function useDeviceImport() {
  return useCheckedImport<DeviceImportResponse, DeviceImportApplyResponse>('/api/admin/devices/imports', DEVICES);
}
