/**
 * The command-centre map with 100,000 open cases (issue 5): the benchmark territory (10,000 grids),
 * open cases written straight into PostgreSQL, the wall opened as the operator in headless Chromium,
 * timed from navigation to the cases drawn; then reports posted at 50/s while the page is probed for
 * long main-thread tasks, frame gaps and the latency of clicks and pans. Beside it, in the same run:
 * the same page with no cases, and a bare Leaflet page drawing the same grids (on a canvas, as the app
 * does for large territories) and points on the main thread (no app, no live channel).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { LoginResponse } from '@grid/contracts';
import { CHROMIUM_ARGS, findChromium } from '@grid/headless-chromium';
import { atRate } from './push.bench';
import type { BenchServer } from './server';
import { summarize, type LatencySummary } from './stats';

export interface MapLoad {
  cases: number;
  /** Navigation start → the later of the app's marks: grids drawn, and cases drawn (markers and clusters in the DOM). */
  drawnMs: number;
  /** … → the frame after it painted. */
  paintedMs: number;
  /** Navigation start → the last byte of the heavy answers: the cases and the grid boundaries (outlines, or GeoJSON on the bare page). */
  casesAnswerMs: number | null;
  gridsAnswerMs: number | null;
}

export interface MapResult {
  grids: number;
  openCases: number;
  insertSeconds: number;
  empty: MapLoad;
  loaded: MapLoad[];
  /** The last cold load's page reloaded (HTTP cache and service worker warm: the outlines revalidate by ETag). */
  reloaded: MapLoad;
  /** Measured between the wall's cold loads, so that both see the same load on the machine. */
  bare: MapLoad[];
  /** The machine's 1-minute load average when the loads were measured, and after the live phase (2 cores, shared). */
  loadAverage: { loads: number; live: number };
  /** 50 reports/s while the wall is open. */
  live: { ratePerSecond: number; seconds: number; sent: number; openBefore: number; openAfter: number; probes: Probes };
  idle: { seconds: number; probes: Probes };
}

interface Probes {
  longTasks: number;
  longestTaskMs: number;
  /** Gaps between animation frames (ms). */
  frameGapMs: LatencySummary;
  /** Input → next paint of clicks and drags (Event Timing). */
  inputMs: LatencySummary;
}

const OPEN_CASES = Number(process.env['BENCH_MAP_CASES'] ?? 100_000);
const MARK = 'command-map:cases-drawn';
/** The wall draws its grids and its cases independently: it is drawn when both marks are set (the bare page sets only MARK). */
const MARKS = [MARK, 'command-map:grids-drawn'];
const ROOT = path.resolve(__dirname, '../../..');

/** Open cases cloned from one real report (its row and events), spread over every grid, in one transaction. */
export async function insertOpenCases(db: Client, template: string, count: number): Promise<void> {
  await db.query('BEGIN');
  const events = Number((await db.query(`SELECT count(*) FROM case_events WHERE case_id = $1`, [template])).rows[0].count);
  // Reserve the seqs, so each case row knows its newest event's seq without a second pass.
  const base = Number((await db.query(`SELECT setval('case_events_seq_seq', nextval('case_events_seq_seq') + $1::bigint) - $1::bigint AS base`, [count * events])).rows[0].base);
  await db.query(
    `CREATE TEMP TABLE bench_cases ON COMMIT DROP AS
     WITH grids AS (
       SELECT (row_number() OVER (ORDER BY a.code) - 1) AS n, a.id, a.path, a.centroid_lat AS lat, a.centroid_lng AS lng,
              (SELECT u.id FROM users u WHERE u.area_id = a.id AND u.role = 'grid_worker' ORDER BY u.username LIMIT 1) AS worker_id
       FROM areas a WHERE a.level = 'grid'
     )
     SELECT i, gen_random_uuid() AS id, g.id AS grid_id, g.path || g.id AS path, g.worker_id,
            g.lat + (random() - 0.5) * 0.004 AS lat, g.lng + (random() - 0.5) * 0.004 AS lng,
            CASE WHEN random() < 0.08 THEN 'overdue' WHEN random() < 0.15 THEN 'warning' ELSE 'on_time' END AS sla,
            CASE WHEN random() < 0.03 THEN 'emergency' WHEN random() < 0.15 THEN 'urgent' ELSE 'normal' END AS priority
     FROM generate_series(0, $1 - 1) i JOIN grids g ON g.n = i % (SELECT count(*) FROM grids)`,
    [count],
  );
  await db.query(
    `INSERT INTO cases (id, code, tracking_token, source, category_code, category_version, priority, description, lat, lng, address, grid_id, area_path, status,
                        handling_area_id, assignee_id, reporter_id, department_ids, accept_due_at, handle_due_at, sla_state, suspended, state,
                        last_seq, reported_at, next_sla_check_at)
     SELECT b.id, 'BM' || lpad(b.i::text, 8, '0'), md5(b.id::text), t.source, t.category_code, t.category_version, b.priority, t.description, b.lat, b.lng, NULL, b.grid_id, b.path, t.status,
            b.grid_id, b.worker_id, t.reporter_id, t.department_ids, t.accept_due_at, t.handle_due_at, b.sla, false,
            t.state || jsonb_build_object('id', b.id, 'priority', b.priority, 'location', jsonb_build_object('lat', b.lat, 'lng', b.lng), 'gridId', b.grid_id,
                                          'areaPath', to_jsonb(b.path), 'assigneeId', b.worker_id,
                                          'unit', jsonb_build_object('level', 'grid', 'areaId', b.grid_id)),
            $2::bigint + b.i * $3::bigint + $3::bigint - 1, t.reported_at, now() + interval '1 day'
     FROM bench_cases b, cases t WHERE t.id = $1`,
    [template, base, events],
  );
  await db.query(
    `INSERT INTO case_events (seq, case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids)
     SELECT $2::bigint + b.i * $3::bigint + e.n, b.id, e.kind, e.from_status, e.to_status, e.actor_id, e.at, e.note,
            CASE WHEN e.data ? 'assigneeId' THEN e.data || jsonb_build_object('assigneeId', b.worker_id) ELSE e.data END, b.path, e.department_ids
     FROM bench_cases b, (SELECT *, (row_number() OVER (ORDER BY seq) - 1) AS n FROM case_events WHERE case_id = $1) e`,
    [template, base, events],
  );
  await db.query('COMMIT');
  // What autovacuum does soon after a bulk insert (and what lets the map's index-only scan skip the heap).
  await db.query('VACUUM ANALYZE cases');
  await db.query('ANALYZE case_events');
}

/** Records long tasks, frame gaps and input latency from the first script on (before the app runs). */
const PROBE_SCRIPT = `(() => {
  const p = (window.__probe = { long: [], gaps: [], inputs: [], last: 0, on: false });
  new PerformanceObserver((l) => { if (p.on) for (const e of l.getEntries()) p.long.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  new PerformanceObserver((l) => { if (p.on) for (const e of l.getEntries()) if (['pointerdown','pointerup','click','mousedown','mouseup'].includes(e.name)) p.inputs.push(e.duration); })
    .observe({ type: 'event', durationThreshold: 16, buffered: false });
  const frame = (t) => { if (p.on && p.last) p.gaps.push(t - p.last); p.last = t; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;

/**
 * With BENCH_MAP_PROFILE_DIR set, the page's main thread is profiled while `load` runs (Chrome DevTools Protocol),
 * and written there as `<name>.cpuprofile` (open it in DevTools → Performance). The profiler slows the page down:
 * figures taken with it are not the table's.
 */
async function profiled<T>(page: Page, name: string, load: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_MAP_PROFILE_DIR'];
  if (!dir) return load();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await load();
  const { profile } = await cdp.send('Profiler.stop');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return result;
}

export async function timeLoad(page: Page, url: string | null, marks = MARKS): Promise<MapLoad> {
  if (url) await page.goto(url);
  else await page.reload();
  await page.waitForFunction((names) => names.every((name) => performance.getEntriesByName(name).length > 0), marks, { timeout: 120_000, polling: 50 });
  return page.evaluate(
    (names) =>
      new Promise<MapLoad>((resolve) => {
        const drawn = Math.max(...names.map((name) => performance.getEntriesByName(name)[0].startTime));
        const cases = Number(document.querySelector<HTMLElement>('[data-cases-drawn]')?.dataset['casesDrawn'] ?? 0);
        const answered = (part: string) => {
          const entry = performance.getEntriesByType('resource').find((e) => e.name.includes(part)) as PerformanceResourceTiming | undefined;
          return entry ? Math.round(entry.responseEnd) : null;
        };
        const answers = { casesAnswerMs: answered('/api/cases/map'), gridsAnswerMs: answered('/api/areas/outlines?level=grid') ?? answered('/api/areas/geojson?level=grid') };
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ cases, drawnMs: Math.round(drawn), paintedMs: Math.round(performance.now()), ...answers })));
      }),
    marks,
  );
}

/**
 * The session as the login page stores it (session-store.ts). A fresh login per browser context: a refresh
 * token is single use, so contexts must not share one.
 */
export async function signIn(server: BenchServer, username = 'operator'): Promise<{ token: string; session: string }> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  const answer = (await res.json()) as LoginResponse;
  const now = Date.now();
  const stored = { token: answer.accessToken, user: answer.user, expiresAt: now + answer.expiresIn * 1000, refreshToken: answer.refreshToken, refreshExpiresAt: now + answer.refreshExpiresIn * 1000 };
  return { token: answer.accessToken, session: JSON.stringify(stored) };
}

/** A fresh context signed in as the operator, on the wall. */
export async function wallPage(browser: Browser, server: BenchServer): Promise<Page> {
  const { session } = await signIn(server);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: server.url, locale: 'zh-CN' });
  await context.addInitScript(`localStorage.setItem('grid.session', ${JSON.stringify(session)});${PROBE_SCRIPT}`);
  return context.newPage();
}

/** Clicks a status chip on and off and drags the map, every `everyMs`, for `seconds`. */
async function probe(page: Page, seconds: number, during: () => Promise<unknown> = async () => undefined): Promise<Probes> {
  await page.evaluate(() => {
    const p = (window as unknown as { __probe: { long: number[]; gaps: number[]; inputs: number[]; on: boolean } }).__probe;
    Object.assign(p, { long: [], gaps: [], inputs: [], on: true });
  });
  // Found once: a role query walks the whole page (a thousand markers) on the page's main thread, and
  // repeated at every click it was the probe's own cost, counted as the wall's.
  const chip = await page.getByRole('group', { name: '状态' }).getByRole('button').first().elementHandle();
  if (!chip) throw new Error('no status chip on the page');
  const map = await page.locator('.leaflet-container').boundingBox();
  if (!map) throw new Error('no map on the page');
  const deadline = Date.now() + seconds * 1000;
  const inputs = (async () => {
    for (let i = 0; Date.now() < deadline; i++) {
      if (i % 2 === 0) await chip.click();
      else {
        const x = map.x + map.width / 2;
        const y = map.y + map.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + (i % 4 === 1 ? 60 : -60), y + 30, { steps: 5 });
        await page.mouse.up();
      }
      await page.waitForTimeout(500);
    }
  })();
  await Promise.all([inputs, during()]);
  const p = await page.evaluate(() => {
    const probe = (window as unknown as { __probe: { long: number[]; gaps: number[]; inputs: number[]; on: boolean } }).__probe;
    probe.on = false;
    return probe;
  });
  return { longTasks: p.long.length, longestTaskMs: Math.round(Math.max(0, ...p.long)), frameGapMs: summarize(p.gaps), inputMs: summarize(p.inputs) };
}

/** The raw floor: Leaflet and supercluster on a bare page, the same grids and points, on the main thread. */
async function bareLoad(browser: Browser, server: BenchServer, token: string): Promise<MapLoad> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const modules: Record<string, string> = {
    '/bare/leaflet.js': 'node_modules/leaflet/dist/leaflet.js',
    '/bare/leaflet.css': 'node_modules/leaflet/dist/leaflet.css',
    '/bare/supercluster.js': 'node_modules/supercluster/index.js',
    '/bare/kdbush.js': 'node_modules/kdbush/index.js',
  };
  const html = `<!doctype html><html><head><link rel="stylesheet" href="/bare/leaflet.css"><script src="/bare/leaflet.js"></script>
<script type="importmap">{"imports":{"kdbush":"/bare/kdbush.js"}}</script>
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import Supercluster from '/bare/supercluster.js';
const auth = { headers: { Authorization: 'Bearer ${token}' } };
const [grids, cases] = await Promise.all([fetch('/api/areas/geojson?level=grid', auth).then((r) => r.json()), fetch('/api/cases/map', auth).then((r) => r.json())]);
const map = L.map('map', { zoomSnap: 0.1, preferCanvas: true });
const layer = L.geoJSON(grids, { style: { color: '#4fb3e0', weight: 1, fillOpacity: 0.3 } }).addTo(map);
map.fitBounds(layer.getBounds());
const index = new Supercluster({ radius: 56, maxZoom: 17 });
index.load(cases.ids.map((id, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [cases.lng[i] / 1e5, cases.lat[i] / 1e5] }, properties: { id } })));
const b = map.getBounds();
for (const f of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(map.getZoom()))) {
  const [lng, lat] = f.geometry.coordinates;
  L.marker([lat, lng], { icon: L.divIcon({ className: 'c', html: String(f.properties.point_count ?? 1) }) }).addTo(map);
}
document.body.dataset.casesDrawn = String(cases.ids.length);
performance.mark('${MARK}');
</script></body></html>`;
  await page.route(`${server.url}/bare/**`, (route) => {
    const pathname = new URL(route.request().url()).pathname;
    const file = modules[pathname];
    if (pathname === '/bare/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    if (!file) return route.fulfill({ status: 404 });
    const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
    return route.fulfill({ body: fs.readFileSync(path.join(ROOT, file), 'utf8'), contentType: type });
  });
  const load = await timeLoad(page, `${server.url}/bare/index.html`, [MARK]);
  await context.close();
  return load;
}

export async function mapBench(server: BenchServer, { seconds = 20, rate = 50 } = {}): Promise<MapResult> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('the map benchmark needs Chromium: apt-get install -y chromium');
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  const grids = (await db.query(`SELECT id, centroid_lat AS lat, centroid_lng AS lng FROM areas WHERE level = 'grid'`)).rows as { id: string; lat: number; lng: number }[];

  const { token } = await signIn(server);
  const report = async (i: number) => {
    const g = grids[(i * 7919) % grids.length];
    const res = await fetch(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ categoryCode: 'city.litter', description: `bench ${i}`, location: { lat: g.lat, lng: g.lng } }),
    });
    await res.arrayBuffer();
  };

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    // Baseline 1: the same page with an empty map (grids only).
    const empty = await timeLoad(await wallPage(browser, server), '/command');

    await report(0);
    const [template] = (await db.query(`SELECT id FROM cases ORDER BY reported_at DESC LIMIT 1`)).rows as { id: string }[];
    const started = performance.now();
    await insertOpenCases(db, template.id, OPEN_CASES);
    const insertSeconds = Math.round((performance.now() - started) / 100) / 10;
    const openCases = Number((await db.query(`SELECT count(*) FROM cases WHERE status NOT IN ('closed', 'rejected', 'cancelled')`)).rows[0].count);

    // Three cold loads (a fresh browser context each: no HTTP cache), each just after the bare page in the
    // same conditions (with no wall open); then the last wall is reloaded (warm) and stays open.
    const loaded: MapLoad[] = [];
    const bare: MapLoad[] = [];
    const loadAverages: number[] = [];
    let page: Page | null = null;
    for (let i = 0; i < 3; i++) {
      if (page) await page.context().close();
      loadAverages.push(os.loadavg()[0]);
      bare.push(await bareLoad(browser, server, token));
      const wall = (page = await wallPage(browser, server));
      loaded.push(await profiled(wall, `wall-cold-${i + 1}`, () => timeLoad(wall, '/command')));
    }
    if (!page) throw new Error('unreachable');
    const reloaded = await timeLoad(page, null);
    await page.locator('[data-testid=live-status][data-state=live]').waitFor({ timeout: 30_000 });

    const idle = { seconds: 10, probes: await probe(page, 10) };
    const openBefore = Number(await page.getByTestId('key-open').innerText());
    let sent = 0;
    const probes = await probe(page, seconds, async () => {
      sent = await atRate(rate, seconds, report);
    });
    await page.waitForTimeout(1_000);
    const openAfter = Number(await page.getByTestId('key-open').innerText());
    const liveLoad = os.loadavg()[0];
    await page.context().close();

    const loadAverage = { loads: Math.round((loadAverages.reduce((a, b) => a + b, 0) / loadAverages.length) * 10) / 10, live: Math.round(liveLoad * 10) / 10 };
    return { grids: grids.length, openCases, insertSeconds, empty, loaded, reloaded, bare, loadAverage, idle, live: { ratePerSecond: rate, seconds, sent, openBefore, openAfter, probes } };
  } finally {
    await browser.close();
    await db.end();
  }
}
