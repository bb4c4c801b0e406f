import type { INestApplication } from '@nestjs/common';
import type { LoginResponse } from '@grid/contracts';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ensureDatabase } from '@grid/embedded-postgres';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { DemoLoader } from '../src/modules/demo/demo-loader.service';

export const DEMO_PASSWORD = 'demo1234';

/** The whole application on the run's test database, with the demo territory loaded. */
export async function createTestApp(env: Record<string, string> = {}, url = process.env['TEST_DATABASE_URL']): Promise<INestApplication<App>> {
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through the api e2e jest config');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DATA_DIR: process.env['TEST_DATA_DIR'] ?? '.data-test',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    REPORT_RATE_LIMIT: '100000',
    SLA_SWEEP_SECONDS: '0',
    // The tests run the projector themselves (or through an assessment, which projects before answering).
    ASSESSMENT_PROJECTION_SECONDS: '0',
    // The tests generate briefings themselves (analysis.e2e-spec.ts), not on the clock.
    BRIEFING_AT: 'off',
    WEB_DIST: '/nonexistent',
    ...env,
  });
  const app = (await createApp(config, url)) as INestApplication<App>;
  await app.init();
  await app.get(DemoLoader).prepareEmptyDatabase();
  return app;
}

/** Logs in as a demo account; tokens are cached per app and username. */
export function loginAs(app: INestApplication<App>): (username: string) => Promise<LoginResponse> {
  const cache = new Map<string, Promise<LoginResponse>>();
  return (username) => {
    let session = cache.get(username);
    if (!session) {
      session = request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .then((res) => {
          if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body as LoginResponse;
        });
      cache.set(username, session);
    }
    return session;
  };
}

export interface TestContext {
  app: INestApplication<App>;
  login: ReturnType<typeof loginAs>;
  /** An authenticated GET as a demo account. */
  get(username: string, url: string): Promise<request.Response>;
}

/** A test context over an app the test started itself (several instances in one test). */
export function contextOf(app: INestApplication<App>): TestContext {
  const login = loginAs(app);
  return {
    app,
    login,
    async get(username, url) {
      return request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${(await login(username)).accessToken}`);
    },
  };
}

/**
 * A database of the run's server for one spec file alone (its name: the run's + `_suffix`), for tests that
 * change what every other file relies on (e.g. apply a new territory). Its app loads the demo afresh.
 */
export async function ownDatabase(suffix: string): Promise<string> {
  const shared = process.env['TEST_DATABASE_URL'] as string;
  const server = new URL(shared);
  server.pathname = '/postgres';
  return ensureDatabase(server.toString(), `${shared.split('/').pop()}_${suffix}`);
}

/** Boots the app before the enclosing describe block's tests and closes it after them (on `database()` when given). */
export function useTestApp(env: Record<string, string> = {}, database?: () => Promise<string>): TestContext {
  // Filled in once the app is up; the describe block's tests read it after beforeAll.
  const ctx = {} as TestContext;
  beforeAll(async () => {
    Object.assign(ctx, contextOf(await createTestApp(env, database ? await database() : undefined)));
  }, 180_000);
  afterAll(() => ctx.app.close());
  return ctx;
}
