/**
 * The phone on a cheap handset and a weak network (issue 19): Chromium's CPU slowed 4× and the network emulated
 * at 400 kbit/s each way with 400 ms of latency (Chrome DevTools Protocol), a grid worker at 390×844 on the demo.
 *
 * - open from cache: the phone view visited once (service worker installed, lists persisted), then opened again
 *   under the throttling; navigation → the task list shown and the camera button ready;
 * - a report with a 3 MB camera photo: the photo picked (shrunk on the phone) → its thumbnail in the sheet;
 *   "report" tapped → the sheet closed and the report queued (accepted by the phone); tapped → the case with its
 *   photo in the database (reached the server);
 * - a push: a case for the worker's grid created through the API; the moment its frame reaches the page's
 *   WebSocket → its card drawn in the list (both read from the page's own clock).
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { Client } from 'pg';
import sharp from 'sharp';
import { CHROMIUM_ARGS, findChromium } from '@grid/headless-chromium';
import { signIn } from './map.bench';
import type { BenchServer } from './server';
import { summarize, type LatencySummary } from './stats';
import type { Verdict } from './targets';

export const PHONE_TARGETS = { openMs: 2000, reportReachedMs: 20_000, pushMs: 1000 } as const;
/** Chromium's "slow 3G" as the issue states it: 400 kbit/s, 400 ms. */
export const PHONE_NETWORK = { latencyMs: 400, kbitPerSecond: 400 } as const;
export const PHONE_CPU_SLOWDOWN = 4;

export interface PhoneBenchResult {
  worker: string;
  runs: number;
  openFromCacheMs: LatencySummary;
  photo: { originalBytes: number; storedBytes: number[]; pickedMs: LatencySummary; acceptedMs: LatencySummary; reachedServerMs: LatencySummary };
  pushRenderedMs: LatencySummary;
  loadAverage: number;
}

/** Frames of the page's WebSockets, stamped on the page's clock (the app's socket.io client makes them). */
const SOCKET_PROBE = `(() => {
  const Native = window.WebSocket;
  const frames = (window.__frames = []);
  function Probed(...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => frames.push({ t: performance.now(), data: typeof e.data === 'string' ? e.data : '' }));
    return ws;
  }
  Probed.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Probed[k] = Native[k];
  window.WebSocket = Probed;
})();`;

/** A camera-sized JPEG of about `bytes`: noise smoothed by an upscale, so it compresses like a photo. */
export async function cameraPhoto(bytes = 3_000_000): Promise<Buffer> {
  const [w, h] = [1000, 750];
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (Math.sin(i / 997) * 60 + 128 + Math.random() * 60) | 0;
  for (let quality = 95; ; quality -= 5) {
    const jpeg = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).resize(4000, 3000, { kernel: 'cubic' }).jpeg({ quality }).toBuffer();
    if (jpeg.length <= bytes * 1.3 || quality <= 50) return jpeg;
  }
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  const bytesPerSecond = (PHONE_NETWORK.kbitPerSecond * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PHONE_NETWORK.latencyMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  return cdp;
}

const usable = async (page: Page) => {
  await page.locator('[data-testid=list-mine] [data-testid=task-card], [data-testid=list-mine] p').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('report-camera').waitFor({ state: 'attached', timeout: 60_000 });
  return page.evaluate(() => Math.round(performance.now()));
};

/** The worker's grid: a grid with one worker, so that every case of it is theirs. */
async function workerAndGrid(db: Client): Promise<{ username: string; lat: number; lng: number }> {
  const rows = (await db.query(`
    SELECT u.username, a.centroid_lat AS lat, a.centroid_lng AS lng FROM users u JOIN areas a ON a.id = u.area_id
    WHERE u.role = 'grid_worker' AND u.active AND a.level = 'grid'
      AND (SELECT count(*) FROM users o WHERE o.area_id = u.area_id AND o.role = 'grid_worker' AND o.active) = 1
    ORDER BY u.username LIMIT 1`)).rows as { username: string; lat: number; lng: number }[];
  if (!rows.length) throw new Error('no grid with a single worker in the demo');
  return rows[0];
}

async function caseWithPhoto(db: Client, description: string, deadline: number): Promise<number> {
  for (;;) {
    const rows = (await db.query(`SELECT a.size FROM cases c JOIN attachments a ON a.case_id = c.id WHERE c.description = $1`, [description])).rows as { size: number }[];
    if (rows.length) return Number(rows[0].size);
    if (Date.now() > deadline) throw new Error(`the report "${description}" did not reach the server`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function phoneBench(server: BenchServer, { runs = 3 } = {}): Promise<PhoneBenchResult> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('needs Chromium: apt-get install -y chromium');
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const photo = await cameraPhoto();
  const open: number[] = [];
  const picked: number[] = [];
  const accepted: number[] = [];
  const reached: number[] = [];
  const stored: number[] = [];
  const pushes: number[] = [];
  const loads: number[] = [];
  let context: BrowserContext | null = null;
  try {
    const worker = await workerAndGrid(db);
    const { session } = await signIn(server, worker.username);
    const operator = (await signIn(server, 'operator')).token;
    context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, baseURL: server.url, locale: 'zh-CN',
      permissions: ['geolocation'], geolocation: { latitude: worker.lat, longitude: worker.lng, accuracy: 10 },
    });
    await context.addInitScript(`if (!localStorage.getItem('grid.session')) localStorage.setItem('grid.session', ${JSON.stringify(session)});${SOCKET_PROBE}`);
    // The first visit, unthrottled: the service worker installs and the lists are kept, as on any phone in use.
    const first = await context.newPage();
    await first.goto('/tasks');
    await usable(first);
    await first.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 60_000 });
    await first.close();

    for (let run = 0; run < runs; run++) {
      loads.push(os.loadavg()[0]);
      const page = await context.newPage();
      await throttle(page);
      await page.goto('/tasks');
      open.push(await usable(page));
      await page.locator('[data-testid=live-status][data-state=live]').waitFor({ timeout: 60_000 });

      // The report: photo, category, report.
      const description = `bench phone ${randomUUID().slice(0, 8)}`;
      const pickAt = await page.evaluate(() => performance.now());
      await page.getByTestId('report-camera').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.locator('[data-testid=report-sheet] img').first().waitFor({ timeout: 60_000 });
      picked.push(Math.round((await page.evaluate(() => performance.now())) - pickAt));
      await page.getByTestId('category-chip').first().click();
      for (const list of await page.locator('[data-testid=extra-fields] select').all()) await list.selectOption({ index: 1 });
      await page.locator('[data-testid=report-sheet] textarea').first().fill(description);
      const tapped = Date.now();
      await page.locator('[data-testid=report-submit]:not([disabled])').click();
      await page.getByTestId('report-sheet').waitFor({ state: 'detached', timeout: 60_000 });
      accepted.push(Date.now() - tapped);
      stored.push(await caseWithPhoto(db, description, tapped + 120_000));
      reached.push(Date.now() - tapped);

      // The push: a case in the worker's grid, dispatched to them at once.
      const pushed = `bench push ${randomUUID().slice(0, 8)}`;
      const created = await fetch(`${server.url}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ categoryCode: 'city.litter', description: pushed, location: { lat: worker.lat, lng: worker.lng } }),
      });
      if (created.status !== 201) throw new Error(`create: HTTP ${created.status} ${await created.text()}`);
      const { code, id } = (await created.json()) as { code: string; id: string };
      await page.locator(`[data-testid=task-card][data-case-code="${code}"]`).waitFor({ timeout: 60_000 });
      const drawn = await page.evaluate(() => performance.now());
      const frame = await page.evaluate(
        ([caseId, caseCode]) => (window as unknown as { __frames: { t: number; data: string }[] }).__frames.find((f) => f.data.includes(caseId) || f.data.includes(caseCode))?.t ?? null,
        [id, code],
      );
      if (frame === null) throw new Error(`no WebSocket frame named case ${code}`);
      pushes.push(Math.round(drawn - frame));
      await page.close();
    }
    return {
      worker: worker.username,
      runs,
      openFromCacheMs: summarize(open),
      photo: { originalBytes: photo.length, storedBytes: stored, pickedMs: summarize(picked), acceptedMs: summarize(accepted), reachedServerMs: summarize(reached) },
      pushRenderedMs: summarize(pushes),
      loadAverage: Math.round((loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)) * 10) / 10,
    };
  } finally {
    await context?.close();
    await browser.close();
    await db.end();
  }
}

export function phoneVerdicts(r: PhoneBenchResult): Verdict[] {
  return [
    { scenario: 'phone open from cache', figure: `max ${r.openFromCacheMs.max} ms over ${r.runs} opens`, target: `< ${PHONE_TARGETS.openMs} ms`, pass: r.openFromCacheMs.max < PHONE_TARGETS.openMs },
    {
      scenario: 'phone report with a 3 MB photo',
      figure: `reached the server in at most ${(r.photo.reachedServerMs.max / 1000).toFixed(1)} s (accepted by the phone in ${r.photo.acceptedMs.max} ms)`,
      target: `< ${PHONE_TARGETS.reportReachedMs / 1000} s`,
      pass: r.photo.reachedServerMs.max < PHONE_TARGETS.reportReachedMs,
    },
    { scenario: 'phone push drawn', figure: `max ${r.pushRenderedMs.max} ms from the socket to the card`, target: `< ${PHONE_TARGETS.pushMs} ms`, pass: r.pushRenderedMs.max < PHONE_TARGETS.pushMs },
  ];
}
