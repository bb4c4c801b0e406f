/**
 * The desk at a city's size (issue 25): `GET /api/cases` for the district (the operator) and a zone leader, newest
 * page, each filter, each sort, page 200 by offset and by cursor, Chinese text queries; one case with its timeline
 * and the public tracking page. Each line beside the raw limit on the same data in the same run: a bare SELECT of
 * the same rows by their primary key (what reading the answer's rows costs once they are found). `checkDesk`
 * compares the API's answers with a plain query (sequential scans, no index) for the miniature in `npm test`.
 */
import { CASE_LIST_COUNT_LIMIT as CASE_COUNT_LIMIT } from '@grid/contracts';
import { Client } from 'pg';
import { login, type BenchServer } from './server';
import { summarize, type LatencySummary } from './stats';

export interface DeskContext {
  zoneLeader: { id: string; zoneId: string };
  villageId: string;
  workerId: string;
  week: { from: string; to: string };
  day: { from: string; to: string };
  bbox: [number, number, number, number];
}

interface DeskLine {
  name: string;
  query: Record<string, string>;
  /** The same filter as plain SQL over `cases` (no alias), for the oracle. */
  where: string;
}

/** The oracle's order of each sort (the API's, said plainly). */
const PLAIN_ORDER: Record<string, string> = {
  '-reportedAt': 'reported_at DESC, id DESC',
  reportedAt: 'reported_at, id',
  handleDueAt: 'handle_due_at NULLS LAST, id',
  '-handleDueAt': 'handle_due_at DESC NULLS LAST, id DESC',
  closedAt: 'closed_at NULLS LAST, id',
  '-closedAt': 'closed_at DESC NULLS LAST, id DESC',
  priority: "array_position(ARRAY['emergency', 'urgent', 'normal']::text[], priority::text), reported_at DESC, id DESC",
  code: 'code',
};

const like = (words: string) => `(code ILIKE '%${words}%' OR description ILIKE '%${words}%' OR address ILIKE '%${words}%')`;

/** The lines measured (and checked) for one caller: newest page, every filter, every other sort. */
export function deskLines(ctx: DeskContext): DeskLine[] {
  const lines: DeskLine[] = [
    { name: 'newest page', query: {}, where: 'TRUE' },
    { name: 'open=true', query: { open: 'true' }, where: "status NOT IN ('closed', 'rejected', 'cancelled')" },
    { name: 'status=closed', query: { status: 'closed' }, where: "status = 'closed'" },
    { name: 'status=in_progress,accepted', query: { status: 'in_progress,accepted' }, where: "status IN ('in_progress', 'accepted')" },
    { name: 'categoryCode=city', query: { categoryCode: 'city' }, where: "(category_code = 'city' OR category_code LIKE 'city.%')" },
    { name: 'priority=emergency', query: { priority: 'emergency' }, where: "priority = 'emergency'" },
    { name: 'sla=overdue', query: { sla: 'overdue' }, where: "sla_state = 'overdue'" },
    { name: 'assigneeId (a grid worker)', query: { assigneeId: ctx.workerId }, where: `assignee_id = '${ctx.workerId}'` },
    { name: 'areaId (a village)', query: { areaId: ctx.villageId }, where: `area_path @> ARRAY['${ctx.villageId}']::uuid[]` },
    { name: 'from/to (a week)', query: { from: ctx.week.from, to: ctx.week.to }, where: `reported_at >= '${ctx.week.from}' AND reported_at < '${ctx.week.to}'` },
    { name: 'closedFrom/closedTo (a day)', query: { closedFrom: ctx.day.from, closedTo: ctx.day.to }, where: `closed_at >= '${ctx.day.from}' AND closed_at < '${ctx.day.to}'` },
    { name: 'bbox (a grid)', query: { bbox: ctx.bbox.join(',') }, where: `lat BETWEEN ${ctx.bbox[1]} AND ${ctx.bbox[3]} AND lng BETWEEN ${ctx.bbox[0]} AND ${ctx.bbox[2]}` },
    { name: 'q=垃圾 (two characters)', query: { q: '垃圾' }, where: like('垃圾') },
    { name: 'q=老街 (an address fragment)', query: { q: '老街' }, where: like('老街') },
    { name: 'q=生活垃圾 (four characters)', query: { q: '生活垃圾' }, where: like('生活垃圾') },
    { name: 'open=true&sort=handleDueAt', query: { open: 'true', sort: 'handleDueAt' }, where: "status NOT IN ('closed', 'rejected', 'cancelled')" },
  ];
  for (const sort of Object.keys(PLAIN_ORDER).filter((s) => s !== '-reportedAt')) lines.push({ name: `sort=${sort}`, query: { sort }, where: 'TRUE' });
  return lines;
}

const ZONE_CHECKS = ['newest page', 'open=true&sort=handleDueAt', 'areaId (a village)', 'q=垃圾 (two characters)', 'sort=priority', 'sort=-closedAt'];

interface Caller {
  name: string;
  token: string;
  /** Its scope as plain SQL (TRUE for the district). */
  scope: string;
}

async function callers(server: BenchServer, ctx: DeskContext): Promise<Caller[]> {
  const u = ctx.zoneLeader.id;
  return [
    { name: 'district (operator)', token: await login(server.url, 'operator'), scope: 'TRUE' },
    { name: 'zone leader', token: await login(server.url, 'zone01'), scope: `(area_path && ARRAY['${ctx.zoneLeader.zoneId}']::uuid[] OR assignee_id = '${u}' OR reporter_id = '${u}')` },
  ];
}

/** Ids, places and times the lines need, from the data itself. */
export async function deskContext(db: Client): Promise<DeskContext> {
  const [leader] = (await db.query(`SELECT id, area_id AS zone_id FROM users WHERE username = 'zone01'`)).rows as { id: string; zone_id: string }[];
  const [village] = (await db.query(`SELECT id FROM areas WHERE level = 'village' AND retired_at IS NULL AND path @> ARRAY[$1]::uuid[] ORDER BY code LIMIT 1`, [leader.zone_id])).rows as { id: string }[];
  const [worker] = (await db.query(`SELECT assignee_id AS id FROM cases WHERE assignee_id IS NOT NULL ORDER BY reported_at DESC LIMIT 1`)).rows as { id: string }[];
  const [grid] = (await db.query(`SELECT centroid_lat AS lat, centroid_lng AS lng FROM areas a WHERE a.level = 'grid' AND a.retired_at IS NULL AND a.path @> ARRAY[$1]::uuid[] ORDER BY code LIMIT 1`, [leader.zone_id])).rows as { lat: number; lng: number }[];
  const [times] = (await db.query(`SELECT max(reported_at) - interval '40 days' AS week_from, max(reported_at) - interval '33 days' AS week_to, date_trunc('day', max(closed_at)) - interval '10 days' AS day FROM cases`)).rows as { week_from: Date; week_to: Date; day: Date }[];
  const d = 0.002;
  return {
    zoneLeader: { id: leader.id, zoneId: leader.zone_id },
    villageId: village.id,
    workerId: worker.id,
    week: { from: times.week_from.toISOString(), to: times.week_to.toISOString() },
    day: { from: times.day.toISOString(), to: new Date(times.day.getTime() + 86_400_000).toISOString() },
    bbox: [grid.lng - d, grid.lat - d, grid.lng + d, grid.lat + d].map((x) => Math.round(x * 1e6) / 1e6) as DeskContext['bbox'],
  };
}

interface ListAnswer {
  items: { id: string }[];
  total: number;
  totalExact?: boolean;
  nextCursor?: string | null;
}

async function getJson<T>(server: BenchServer, token: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const listPath = (query: Record<string, string>) => `/api/cases?${new URLSearchParams(query).toString()}`;

/**
 * The API's answers against the plain query for every line and caller: page 1 and page 3 by offset, pages 2 and 3
 * by cursor, the total (exact up to the limit, a lower bound past it). Answers the mismatches (empty: all equal).
 */
export async function checkDesk(server: BenchServer, pageSize = 20): Promise<{ lines: number; mismatches: string[] }> {
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  const mismatches: string[] = [];
  let lines = 0;
  try {
    // The oracle reads every row: no index can make it agree by the same mistake.
    await db.query(`SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off`);
    const ctx = await deskContext(db);
    for (const caller of await callers(server, ctx)) {
      // Every line for the district; for the zone leader those where its scope changes the plan.
      const checked = caller.scope === 'TRUE' ? deskLines(ctx) : deskLines(ctx).filter((l) => ZONE_CHECKS.includes(l.name));
      for (const line of checked) {
        lines++;
        const sort = line.query['sort'] ?? '-reportedAt';
        const where = `${caller.scope} AND ${line.where}`;
        const plain = async (page: number) =>
          ((await db.query(`SELECT id FROM cases WHERE ${where} ORDER BY ${PLAIN_ORDER[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)).rows as { id: string }[]).map((r) => r.id);
        const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM cases WHERE ${where}`)).rows as { n: number }[];
        const label = `${caller.name}, ${line.name}`;
        const same = (what: string, api: ListAnswer, expected: string[]) => {
          const got = api.items.map((i) => i.id);
          if (got.join() !== expected.join()) mismatches.push(`${label}, ${what}: ${got.length} ids, ${expected.length} expected, first difference at ${got.findIndex((id, i) => id !== expected[i])}`);
        };
        const first = await getJson<ListAnswer>(server, caller.token, listPath({ ...line.query, pageSize: String(pageSize) }));
        same('page 1', first, await plain(1));
        const expectedTotal = n > CASE_COUNT_LIMIT ? CASE_COUNT_LIMIT + 1 : n;
        if (first.total !== expectedTotal || first.totalExact !== n <= CASE_COUNT_LIMIT) mismatches.push(`${label}: total ${first.total} (exact ${String(first.totalExact)}), ${n} match`);
        if (line.name === 'newest page') {
          const exact = await getJson<ListAnswer>(server, caller.token, listPath({ ...line.query, pageSize: '1', count: 'exact' }));
          if (exact.total !== n || exact.totalExact !== true) mismatches.push(`${label}: count=exact gives ${exact.total}, ${n} match`);
        }
        same('page 3 by offset', await getJson<ListAnswer>(server, caller.token, listPath({ ...line.query, pageSize: String(pageSize), page: '3' })), await plain(3));
        if (n > pageSize !== Boolean(first.nextCursor)) mismatches.push(`${label}: nextCursor ${first.nextCursor ?? 'null'} with ${n} matches`);
        if (!first.nextCursor) continue;
        const second = await getJson<ListAnswer>(server, caller.token, listPath({ ...line.query, pageSize: String(pageSize), cursor: first.nextCursor }));
        same('page 2 by cursor', second, await plain(2));
        if (second.nextCursor) same('page 3 by cursor', await getJson<ListAnswer>(server, caller.token, listPath({ ...line.query, pageSize: String(pageSize), cursor: second.nextCursor })), await plain(3));
      }
    }
  } finally {
    await db.end();
  }
  return { lines, mismatches };
}

export interface DeskFigure {
  caller: string;
  line: string;
  total: string;
  api: LatencySummary;
  raw: LatencySummary;
}

export interface DeskFigures {
  lines: DeskFigure[];
  detail: { api: LatencySummary; raw: LatencySummary };
  tracking: { api: LatencySummary; raw: LatencySummary };
}

async function timed(calls: number, run: (i: number) => Promise<unknown>): Promise<LatencySummary> {
  const samples: number[] = [];
  // One call first, not counted (a cold cache is not what a desk in use sees).
  for (let i = 0; i <= calls; i++) {
    const started = performance.now();
    await run(i);
    if (i > 0) samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** Every line for every caller, `calls` times each (one client, one call at a time), each beside its raw limit. */
export async function measureDesk(server: BenchServer, calls: number): Promise<DeskFigures> {
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const ctx = await deskContext(db);
    const rawRows = (ids: string[]) => timed(calls, () => db.query(`SELECT * FROM cases WHERE id = ANY($1::uuid[])`, [ids]));
    const lines: DeskFigure[] = [];
    for (const caller of await callers(server, ctx)) {
      const deep = await getJson<ListAnswer>(server, caller.token, listPath({ page: '199' }));
      const all = [
        ...deskLines(ctx),
        { name: 'page 200 by offset (page=200)', query: { page: '200' }, where: '' },
        ...(deep.nextCursor ? [{ name: 'page 200 by cursor (nextCursor of page 199)', query: { cursor: deep.nextCursor }, where: '' }] : []),
      ];
      for (const line of all) {
        let answer: ListAnswer = { items: [], total: 0 };
        const api = await timed(calls, async () => (answer = await getJson<ListAnswer>(server, caller.token, listPath(line.query))));
        const total = answer.totalExact === false ? `${(answer.total - 1).toLocaleString('en')}+` : answer.total.toLocaleString('en');
        lines.push({ caller: caller.name, line: line.name, total, api, raw: await rawRows(answer.items.map((i) => i.id)) });
      }
    }
    // One case with its timeline, and its public tracking page: a different generated case each call.
    const picks = (await db.query(`SELECT id, tracking_token FROM cases TABLESAMPLE SYSTEM (1) LIMIT $1`, [calls + 1])).rows as { id: string; tracking_token: string }[];
    const operator = await login(server.url, 'operator');
    const pick = (i: number) => picks[i % picks.length];
    const rawCase = async (i: number) => {
      await db.query(`SELECT * FROM cases WHERE id = $1`, [pick(i).id]);
      await db.query(`SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq`, [pick(i).id]);
    };
    const detail = { api: await timed(calls, (i) => getJson(server, operator, `/api/cases/${pick(i).id}`)), raw: await timed(calls, rawCase) };
    const tracking = {
      api: await timed(calls, (i) => fetch(`${server.url}/api/public/cases/${pick(i).tracking_token}`).then((r) => r.text())),
      raw: await timed(calls, async (i) => {
        await db.query(`SELECT * FROM cases WHERE tracking_token = $1`, [pick(i).tracking_token]);
        await db.query(`SELECT kind, at, to_status FROM case_events WHERE case_id = $1 ORDER BY seq`, [pick(i).id]);
      }),
    };
    return { lines, detail, tracking };
  } finally {
    await db.end();
  }
}
