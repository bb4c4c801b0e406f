import type { AreaDto, UserDto } from '@grid/contracts';
import type { INestApplication } from '@nestjs/common';
import { createClient } from 'redis';
import request from 'supertest';
import type { App } from 'supertest/types';
import { REDIS_URL } from './redis-reachable';
import { createTestApp, loginAs } from './test-app';

/** With REDIS_URL set, a rate limit holds across instances: two instances do not allow twice the limit. */
describe('rate limits across two instances (Redis)', () => {
  let a: INestApplication<App>;
  let b: INestApplication<App>;
  const redis = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
  redis.on('error', () => undefined);
  let available = true;

  beforeAll(async () => {
    available = await redis.connect().then(() => true, () => false);
    if (!available) {
      if (process.env['CI']) throw new Error(`Redis is required in CI at ${REDIS_URL}`);
      console.warn(`Redis not reachable at ${REDIS_URL}: the shared rate limit is not tested here (CI requires Redis)`);
      return;
    }
    a = await createTestApp({ REDIS_URL, REPORT_RATE_LIMIT: '3' });
    b = await createTestApp({ REDIS_URL, REPORT_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (!available) return;
    // This file's counters only: they would otherwise block the same user for a minute in a rerun.
    for await (const keys of redis.scanIterator({ MATCH: 'throttle:*', COUNT: 1000 })) if (keys.length) await redis.del(keys);
    await redis.quit();
  });

  it('counts a user’s reports on both instances against one limit', async () => {
    if (!available) return;
    const admin = (await loginAs(a)('admin')).accessToken;
    const grid = ((await request(a.getHttpServer()).get('/api/areas?level=grid').set('Authorization', `Bearer ${admin}`)).body as AreaDto[])[54];
    const [worker] = (await request(a.getHttpServer()).get(`/api/users?areaId=${grid.id}&role=grid_worker`).set('Authorization', `Bearer ${admin}`)).body as UserDto[];
    const token = (await loginAs(a)(worker.username)).accessToken;
    const reportOn = (app: INestApplication<App>) =>
      request(app.getHttpServer()).post('/api/cases').set('Authorization', `Bearer ${token}`).send({ categoryCode: 'city.litter', description: 'limit', location: grid.centroid });
    expect((await reportOn(a)).status).toBe(201);
    expect((await reportOn(b)).status).toBe(201);
    expect((await reportOn(a)).status).toBe(201);
    const over = await reportOn(b);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await reportOn(a)).status).toBe(429);
  });
});
