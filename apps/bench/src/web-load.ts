/**
 * The wall's and the phone's cold loads with two builds of the web app, in turn, against one API on the demo
 * territory (400 grids, 90 days of history): to compare a change of the web app's code before and after it
 * (issue 22). The API serves WEB_DIST through a link that is switched between the builds before each load, so
 * both builds see the same server, data and machine load.
 *
 *   BENCH_WEB_BEFORE=/path/to/old/dist BENCH_WEB_AFTER=dist/apps/web BENCH_WEB_LOADS=5 \
 *     ts-node --transpile-only -P apps/bench/tsconfig.json apps/bench/src/web-load.ts
 *
 * Wall: operator at 1920×1080, navigation → grids and cases drawn (the app's marks). Phone: a grid worker at
 * 390×844, navigation → their task list shown. Each load in a fresh browser context (no HTTP cache, no service
 * worker yet). Prints JSON: per build, the p50 and each load's ms.
 */
import './register-paths';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '@grid/headless-chromium';
import { signIn, timeLoad, wallPage } from './map.bench';
import { startServer, type BenchServer } from './server';

const builds = { before: process.env['BENCH_WEB_BEFORE'], after: process.env['BENCH_WEB_AFTER'] ?? 'dist/apps/web' };
const LOADS = Number(process.env['BENCH_WEB_LOADS'] ?? 5);

async function phoneLoad(browser: Browser, server: BenchServer): Promise<number> {
  const { session } = await signIn(server, 'grid001');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, baseURL: server.url, locale: 'zh-CN' });
  await context.addInitScript(`localStorage.setItem('grid.session', ${JSON.stringify(session)});`);
  const page = await context.newPage();
  await page.goto('/tasks');
  // The list holds its cards, or says it is empty: either way the answer is on screen.
  await page.locator('[data-testid=list-mine] [data-testid=task-card], [data-testid=list-mine] p').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=list-mine]')?.textContent?.includes('加载中'), undefined, { timeout: 60_000 });
  const ms = await page.evaluate(() => Math.round(performance.now()));
  await context.close();
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!builds.before) throw new Error('BENCH_WEB_BEFORE: the folder of the build to compare with');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('needs Chromium: apt-get install -y chromium');
  const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grid-web-load-')), 'web');
  const use = (dir: string) => {
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.resolve(dir), link);
  };
  use(builds.after);
  const server = await startServer({ WEB_DIST: link });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const results: Record<string, { wall: number[]; phone: number[] }> = { before: { wall: [], phone: [] }, after: { wall: [], phone: [] } };
  const loadAverages: number[] = [];
  try {
    // One warm-up of each page (the server's first answers), then the builds in turn.
    await timeLoad(await wallPage(browser, server), '/command').then(() => undefined);
    await phoneLoad(browser, server);
    for (let i = 0; i < LOADS; i++) {
      for (const name of (i % 2 === 0 ? ['before', 'after'] : ['after', 'before']) as ('before' | 'after')[]) {
        use(builds[name] as string);
        loadAverages.push(os.loadavg()[0]);
        const wall = await wallPage(browser, server);
        results[name].wall.push((await timeLoad(wall, '/command')).paintedMs);
        await wall.context().close();
        results[name].phone.push(await phoneLoad(browser, server));
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const summary = Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { wallPaintedMs: { p50: median(r.wall), each: r.wall }, phoneListMs: { p50: median(r.phone), each: r.phone } }]));
  console.log(JSON.stringify({ loads: LOADS, loadAverage: Math.round((loadAverages.reduce((a, b) => a + b, 0) / loadAverages.length) * 10) / 10, ...summary }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
