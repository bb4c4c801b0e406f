import type { INestApplication } from '@nestjs/common';
import type { SensorAlarmAccepted } from '@grid/contracts';
import type { SensorPlatform } from '@grid/integration-kit';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { gridFixture } from './cases-helpers';
import { listen } from './hotline-helpers';
import { percentile, registerDevice, sensorPlatform } from './sensors-helpers';
import { contextOf, createTestApp, type TestContext } from './test-app';

// The first spec of a run loads the demo territory into its fresh database: minutes on a busy machine.
jest.setTimeout(300_000);

describe('sensor alarms on two instances', () => {
  const apps: INestApplication<App>[] = [];
  let a: TestContext;
  let urls: string[];
  let platform: SensorPlatform;

  beforeAll(async () => {
    a = contextOf(await createTestApp());
    const b = contextOf(await createTestApp());
    apps.push(a.app, b.app);
    urls = [await listen(a.app), await listen(b.app)];
    ({ platform } = await sensorPlatform(a, urls[0]));
  });
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  const tally = async (deviceId: string) =>
    ((await a.app.get(DataSource).query(`SELECT count(*)::int AS cases, coalesce(sum(alarms), 0)::int AS alarms FROM device_alarms WHERE device_id = $1`, [deviceId])) as { cases: number; alarms: number }[])[0];

  it('a first burst of 400 alarms at once, half to each instance, opens one case and counts them all', async () => {
    const { grid } = await gridFixture(a, 351);
    const device = await registerDevice(a, 'water_level', grid);
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => platform.alarm({ deviceCode: device.code, kind: 'water_level', value: i }, { apiUrl: urls[i % 2] })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(399);
    expect(new Set(answers.map((r) => (r.body as SensorAlarmAccepted).caseId)).size).toBe(1);
    expect(await tally(device.id)).toEqual({ cases: 1, alarms: 400 });
  });

  it('a storm of 1,000 alarms a second for 3 s over both instances: one case, every alarm counted', async () => {
    const { grid } = await gridFixture(a, 352);
    const device = await registerDevice(a, 'smoke', grid);
    const storm = await platform.storm({ deviceCode: device.code, kind: 'smoke' }, { perSecond: 1_000, seconds: 3, apiUrls: urls });
    console.log(`two-instance storm: ${storm.sent} alarms in ${storm.elapsedMs} ms, p99 ${percentile(storm.latenciesMs, 99).toFixed(1)} ms, ${JSON.stringify(storm.statuses)} ${JSON.stringify(storm.errors)}`);
    expect(storm.statuses).toEqual({ 201: 1, 200: storm.sent - 1 });
    expect(await tally(device.id)).toEqual({ cases: 1, alarms: storm.sent });
    const [{ n }] = (await a.app.get(DataSource).query(`SELECT count(*)::int AS n FROM cases WHERE source = 'sensor' AND description LIKE '%' || $1 || '%'`, [device.code])) as { n: number }[];
    expect(n).toBe(1);
  });
});
