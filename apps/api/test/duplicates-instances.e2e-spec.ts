import type { INestApplication } from '@nestjs/common';
import type { App } from 'supertest/types';
import { CaseDuplicateFinder } from '../src/modules/cases/case-duplicates';
import { act, gridFixture, report } from './cases-helpers';
import { redisReachable, REDIS_URL } from './redis-reachable';
import { contextOf, createTestApp, type TestContext } from './test-app';

/** The ids a report of `categoryCode` at `location` on this instance would be flagged with, now. */
function candidatesOn(t: TestContext, categoryCode: string, location: { lat: number; lng: number }): Promise<string[]> {
  return t.app.get(CaseDuplicateFinder).candidateIds({ categoryCode, location, at: new Date() });
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not within 2 s: ${what}`);
}

describe('duplicate detection across two instances', () => {
  const apps: INestApplication<App>[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));
  const start = async (env: Record<string, string> = {}) => {
    const app = await createTestApp(env);
    apps.push(app);
    return contextOf(app);
  };

  it('hears over Redis at once: a case reported on A is a candidate on B, and stops being one when merged on A', async () => {
    if (!(await redisReachable())) {
      if (process.env['CI']) throw new Error(`Redis is required in CI at ${REDIS_URL}`);
      return console.warn(`Redis not reachable at ${REDIS_URL}: this two-instance test does nothing here (CI requires Redis)`);
    }
    const [a, b] = [await start({ REDIS_URL }), await start({ REDIS_URL })];
    const { grid } = await gridFixture(a, 63);
    const posters = { categoryCode: 'city.posters' };
    await candidatesOn(b, 'city.posters', grid.centroid); // B has read the open cases before A's report
    const first = await report(a, 'operator', grid, posters);
    await eventually(async () => (await candidatesOn(b, 'city.posters', grid.centroid)).includes(first.id), 'B hears of the case reported on A');
    const second = await report(b, 'operator', grid, posters);
    expect(second.duplicateCandidateIds[0]).toBe(first.id);

    expect((await act(a, 'operator', first.id, 'merge', { mainCaseId: second.id })).status).toBe(200);
    await eventually(async () => !(await candidatesOn(b, 'city.posters', grid.centroid)).includes(first.id), 'B hears that the case merged on A is gone');
    const third = await report(b, 'operator', grid, posters);
    expect(third.duplicateCandidateIds[0]).toBe(second.id);
    expect(third.duplicateCandidateIds).not.toContain(first.id);
  });

  it('without Redis, finds a case another instance wrote once it reads the open cases again', async () => {
    const [a, b] = [await start(), await start()];
    const { grid } = await gridFixture(a, 64);
    await candidatesOn(b, 'city.posters', grid.centroid); // B has read the open cases before A's report
    const written = await report(a, 'operator', grid, { categoryCode: 'city.posters' });
    expect((await candidatesOn(a, 'city.posters', grid.centroid))[0]).toBe(written.id); // the writer knows at once
    expect(await candidatesOn(b, 'city.posters', grid.centroid)).not.toContain(written.id); // no one told B
    await b.app.get(CaseDuplicateFinder).reload(); // what B does every minute
    expect((await candidatesOn(b, 'city.posters', grid.centroid))[0]).toBe(written.id);
  });
});
