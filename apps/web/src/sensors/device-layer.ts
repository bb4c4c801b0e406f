import type { DeviceDto, DeviceList } from '@grid/contracts';

/**
 * The wall's device layer after a `device.alarm` push (the device as stored now): a device with an open alarm comes
 * first (new, or moved up with its new count or state); one whose alarm ended, or retired, leaves. Nothing before the
 * layer was loaded.
 */
export function patchDeviceLayer(list: DeviceList | undefined, device: DeviceDto): DeviceList | undefined {
  if (!list) return list;
  const others = list.items.filter((d) => d.id !== device.id);
  const items = device.alarm && device.state !== 'retired' ? [device, ...others] : others;
  return { ...list, items, total: items.length };
}
