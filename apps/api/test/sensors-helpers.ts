import type { AreaDto, CreatedIntegrationClient, DeviceDto } from '@grid/contracts';
import { SensorPlatform } from '@grid/integration-kit';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { post } from './cases-helpers';
import type { TestContext } from './test-app';

/** A sensor platform made by the admin through the API (a client of kind `sensor`), posting to `apiUrl`. */
export async function sensorPlatform(t: TestContext, apiUrl: string): Promise<{ client: CreatedIntegrationClient; platform: SensorPlatform }> {
  const res = await post(t, 'admin', '/api/admin/integration-clients', { name: `sensors-${randomUUID().slice(0, 8)}`, kind: 'sensor' });
  if (res.status !== 201) throw new Error(`create client: ${res.status} ${JSON.stringify(res.body)}`);
  const client = res.body as CreatedIntegrationClient;
  return { client, platform: new SensorPlatform({ apiUrl, clientId: client.id, secret: client.secret }) };
}

/** Registers a device of a kind at a grid's centroid; answers it. */
export async function registerDevice(t: TestContext, kind: string, grid: AreaDto, extra: object = {}): Promise<DeviceDto> {
  const res = await post(t, 'admin', '/api/admin/devices', { code: `T-${kind}-${randomUUID().slice(0, 8)}`, kind, location: grid.centroid, ...extra });
  if (res.status !== 201) throw new Error(`register device: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as DeviceDto;
}

export const urlOf = (t: TestContext) => `http://127.0.0.1:${((t.app.getHttpServer() as unknown as Server).address() as AddressInfo).port}`;

/** The p-th percentile of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => v >= 0).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}
