import type { WorkerPosition } from '@grid/contracts';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { redisReachable, REDIS_URL } from './redis-reachable';
import { connectSocket, next, type ClientSocket } from './socket-client';
import { createTestApp, loginAs } from './test-app';

describe('live channel across two instances (Redis adapter)', () => {
  let a: INestApplication<App>;
  let b: INestApplication<App>;
  let available = true;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    available = await redisReachable();
    if (!available) {
      if (process.env['CI']) throw new Error(`Redis is required in CI at ${REDIS_URL}`);
      console.warn(`Redis not reachable at ${REDIS_URL}: the two-instance tests do nothing here (CI requires Redis)`);
      return;
    }
    a = await createTestApp({ REDIS_URL });
    b = await createTestApp({ REDIS_URL });
    await a.listen(0, '127.0.0.1');
    await b.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await a?.close();
    await b?.close();
  });

  const connect = (app: INestApplication<App>, token: string) => connectSocket(app, { token }, sockets);

  it('delivers an event emitted on instance A to a socket connected to instance B', async () => {
    if (!available) return;
    const login = loginAs(a);
    const worker = await connect(a, (await login('grid002')).accessToken);
    const operatorOnB = await connect(b, (await login('operator')).accessToken);
    const received = new Promise<WorkerPosition>((resolve) => operatorOnB.once('worker.position', resolve));
    worker.emit('worker.position', { lat: 32.7, lng: 108.75 });
    expect((await received).lat).toBe(32.7);
  });

  it('pushes a case reported through instance A to its grid worker connected to instance B', async () => {
    if (!available) return;
    const grids = (await request(a.getHttpServer()).get('/api/areas?level=grid').set('Authorization', `Bearer ${(await loginAs(a)('admin')).accessToken}`)).body as { id: string; centroid: { lat: number; lng: number } }[];
    const grid = grids[60];
    const worker = ((await request(a.getHttpServer()).get(`/api/users?areaId=${grid.id}&role=grid_worker`).set('Authorization', `Bearer ${(await loginAs(a)('admin')).accessToken}`)).body as { username: string }[])[0];
    const phoneOnB = await connect(b, (await loginAs(b)(worker.username)).accessToken);
    const pushed = next(phoneOnB, 'case.assigned');
    const res = await request(a.getHttpServer())
      .post('/api/cases')
      .set('Authorization', `Bearer ${(await loginAs(a)('operator')).accessToken}`)
      .send({ categoryCode: 'city.litter', location: grid.centroid, description: 'across instances' });
    expect(res.status).toBe(201);
    expect((await pushed).case.id).toBe(res.body.id);
  });

  it('reports Redis in /api/health', async () => {
    if (!available) return;
    const res = await request(a.getHttpServer()).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });
});

describe('live channel with Redis unreachable', () => {
  let app: INestApplication<App>;
  beforeAll(async () => {
    // Nothing listens on port 1: the adapter keeps retrying while HTTP carries on.
    app = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => app.close());

  it('keeps HTTP working and says the live channel is degraded', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'degraded', info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } });
    const login = await request(app.getHttpServer()).post('/api/auth/login').send({ username: 'admin', password: 'demo1234' });
    expect(login.status).toBe(200);
  });
});
