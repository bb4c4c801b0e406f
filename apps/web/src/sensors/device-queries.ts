import type { CaseSummary, DeviceDto, DeviceList } from '@grid/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api/api-client';
import { queryClient } from '../api/query-client';
import { patchDeviceLayer } from './device-layer';

/** Devices with an open alarm in the user's scope (the wall's layer), patched in place by the live channel. */
export const DEVICES_IN_ALARM = ['sensors', 'devices', 'in-alarm'] as const;

export function useDevicesInAlarm() {
  return useQuery({ queryKey: DEVICES_IN_ALARM, queryFn: () => apiRequest<DeviceList>('/api/sensors/devices'), staleTime: 60_000 });
}

/** A `device.alarm` push patches the layer in place (device-layer.ts). */
export function applyDevicePush(device: DeviceDto): void {
  queryClient.setQueryData<DeviceList>(DEVICES_IN_ALARM, (list) => patchDeviceLayer(list, device));
  // The registry's pages show states too: they refresh when next shown.
  void queryClient.invalidateQueries({ queryKey: ['admin', 'devices'], refetchType: 'none' });
}

/** A sensor case moved (closed, verified, cancelled by people): the layer is asked again, once for a burst. */
let refresh: ReturnType<typeof setTimeout> | undefined;
export function noteSensorCase(summary: Pick<CaseSummary, 'source'>): void {
  if (summary.source !== 'sensor' || refresh) return;
  refresh = setTimeout(() => {
    refresh = undefined;
    void queryClient.invalidateQueries({ queryKey: DEVICES_IN_ALARM });
  }, 1_000);
}
