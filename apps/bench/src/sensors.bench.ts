/**
 * Sensors (issue 18): an alarm storm from one device — BENCH_SENSOR_RATE alarms a second (default 1,000) for the
 * timed phase, each signed anew, through the signing code of the sensor platform the tests use. Reports the rate
 * sustained, the latency, and that it made one case with every alarm counted.
 */
import { SensorPlatform } from '@grid/integration-kit';
import { randomUUID } from 'node:crypto';
import { login, type BenchServer } from './server';
import { summarize, type LatencySummary } from './stats';

export interface SensorBenchResult {
  asked: number;
  seconds: number;
  sent: number;
  perSecond: number;
  statuses: Record<number, number>;
  latencyMs: LatencySummary;
  alarmsCounted: number;
}

export async function sensorBench(server: BenchServer, options: { seconds: number }): Promise<SensorBenchResult> {
  const asked = Number(process.env['BENCH_SENSOR_RATE'] ?? 1000);
  const auth = { Authorization: `Bearer ${await login(server.url, 'admin')}`, 'Content-Type': 'application/json' };
  const post = async <T>(path: string, body: unknown): Promise<T> => (await (await fetch(`${server.url}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) })).json()) as T;
  const client = await post<{ id: string; secret: string }>('/api/admin/integration-clients', { name: `bench-sensors-${randomUUID().slice(0, 8)}`, kind: 'sensor' });
  const [grid] = (await (await fetch(`${server.url}/api/areas?level=grid`, { headers: auth })).json()) as { centroid: { lat: number; lng: number } }[];
  const device = await post<{ id: string; code: string }>('/api/admin/devices', { code: `BENCH-${randomUUID().slice(0, 8)}`, kind: 'smoke', location: grid.centroid });
  const platform = new SensorPlatform({ apiUrl: server.url, clientId: client.id, secret: client.secret });
  const storm = await platform.storm({ deviceCode: device.code, kind: 'smoke', value: 99 }, { perSecond: asked, seconds: options.seconds });
  const counted = (await (await fetch(`${server.url}/api/admin/devices/${device.id}`, { headers: auth })).json()) as { alarm: { alarms: number } | null };
  return {
    asked,
    seconds: Math.round(storm.elapsedMs / 100) / 10,
    sent: storm.sent,
    perSecond: Math.round((storm.sent * 1000) / storm.elapsedMs),
    statuses: storm.statuses,
    latencyMs: summarize(storm.latenciesMs.filter((v) => v >= 0)),
    alarmsCounted: counted.alarm?.alarms ?? 0,
  };
}
