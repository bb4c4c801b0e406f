import {
  ASSESSMENT_LEVELS,
  type AppealDto,
  type AssessmentConfig,
  type AssessmentDrillResponse,
  type AssessmentFigures,
  type AssessmentLedger,
  type AssessmentLevel,
  type AssessmentResponse,
  type AssessmentRow,
  type DepartmentDto,
  type UserDto,
} from '@grid/contracts';
import {
  addCase,
  caseFacts,
  CHINA_WORK_CALENDAR,
  contributionsOf,
  countsOf,
  DEFAULT_ASSESSMENT_CONFIG,
  emptyCounts,
  figuresOf,
  judge,
  localDateOf,
  patrolFiguresOf,
  rankRows,
  rowOf,
  type AssessmentCaseFacts,
  type PatrolDaySummary,
} from '@grid/domain';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CaseStore } from '../src/modules/cases/case-store';
import { gridFixture, post, report } from './cases-helpers';
import { useTestApp } from './test-app';

const DAY = 86_400_000;

/** Collects a response body as bytes (supertest parses only text and JSON by itself). */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const FROM = localDateOf(new Date(Date.now() - 100 * DAY).toISOString());
const TO = localDateOf(new Date().toISOString());
const PERIOD = `from=${FROM}&to=${TO}`;

/** Every figure but the averages exactly; averages to 0.005 h (SQL sums in another order, then both round to 0.001). */
function expectSameFigures(actual: AssessmentFigures, expected: AssessmentFigures) {
  for (const [key, value] of Object.entries(expected) as [keyof AssessmentFigures, number | null][]) {
    if (value !== null && key.startsWith('avg')) expect([key, actual[key]]).toEqual([key, expect.closeTo(value, 2)]);
    else expect([key, actual[key]]).toEqual([key, value]);
  }
}

describe('assessment (DESIGN §4) on the demo history', () => {
  const t = useTestApp();
  const db = () => t.app.get(DataSource);

  /**
   * The facts of every case, computed here by the domain from the events read back through the case store.
   * Facts do not depend on the moment they are computed (only the judgement at `asOf` does), so they are
   * read once until something changes the timeline or an appeal.
   */
  let known: Promise<AssessmentCaseFacts[]> | null = null;
  const factsFromEvents = () => (known ??= readFacts(new Date().toISOString()));
  async function readFacts(now: string): Promise<AssessmentCaseFacts[]> {
    const categories = new Map(
      ((await db().query(`SELECT code, clock, time_limits, points FROM categories`)) as { code: string; clock: 'working' | 'calendar'; time_limits: never; points: number }[]).map((c) => [
        c.code,
        { clock: c.clock, timeLimits: c.time_limits, points: c.points },
      ]),
    );
    const upheld = (await db().query(`SELECT case_id, kind FROM assessment_appeals WHERE status = 'upheld' ORDER BY kind`)) as { case_id: string; kind: 'overdue' }[];
    const cases = (await db().query(`SELECT id, category_code FROM cases`)) as { id: string; category_code: string }[];
    const store = t.app.get(CaseStore);
    const facts: AssessmentCaseFacts[] = [];
    for (const c of cases) {
      const events = await store.events(db().manager, c.id);
      const category = categories.get(c.category_code);
      if (!category) throw new Error(`no category ${c.category_code}`);
      const waived = upheld.filter((u) => u.case_id === c.id).map((u) => u.kind);
      facts.push(caseFacts(c.id, events, category, CHINA_WORK_CALENDAR, now, waived));
    }
    const from = Date.parse(`${FROM}T00:00:00+08:00`);
    return facts.filter((f) => Date.parse(f.reportedAt) >= from);
  }

  /** The period's patrols (the demo history has them), one summary per patrol, read back from the patrol tables. */
  async function patrolsOfPeriod(): Promise<PatrolDaySummary[]> {
    const rows = (await db().query(
      `SELECT p.worker_id, p.grid_id, p.area_path, p.started_at, p.distance_m, (SELECT count(*) FROM patrol_visits v WHERE v.patrol_id = p.id)::int AS visits FROM patrols p`,
    )) as { worker_id: string; grid_id: string; area_path: string[]; started_at: Date; distance_m: number; visits: number }[];
    const from = Date.parse(`${FROM}T00:00:00+08:00`);
    const to = Date.parse(`${TO}T00:00:00+08:00`) + DAY;
    return rows
      .filter((r) => r.started_at.getTime() >= from && r.started_at.getTime() < to)
      .map((r) => ({ workerId: r.worker_id, gridId: r.grid_id, areaPath: r.area_path, day: localDateOf(r.started_at.toISOString()), distanceM: r.distance_m, visits: r.visits }));
  }

  const assess = async (username: string, level: AssessmentLevel, extra = ''): Promise<AssessmentResponse> => {
    const res = await t.get(username, `/api/assessment?level=${level}&${PERIOD}${extra}`);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it.each(ASSESSMENT_LEVELS)('computes every %s figure, composite, point and rank as the domain does from the timeline', async (level) => {
    const api = await assess('assessor', level);
    const facts = await factsFromEvents();
    const counts = countsOf(facts, level, api.asOf);
    const patrolDays = await patrolsOfPeriod();
    const patrols = patrolFiguresOf(patrolDays, level);
    expect(api.rows.length).toBeGreaterThan(0);
    for (const row of api.rows) {
      const unitCounts = counts.get(row.unitId) ?? emptyCounts();
      expectSameFigures(row.figures, figuresOf(unitCounts, patrols.get(row.unitId)));
      const expected = rowOf(level, { unitId: row.unitId, unitName: row.unitName, unitCode: row.unitCode, parentAreaId: row.parentAreaId, person: level === 'worker' ? await personOf(row.unitId) : undefined }, row.figures, unitCounts, DEFAULT_ASSESSMENT_CONFIG);
      expect({ composite: row.composite, grade: row.grade, points: row.points, coefficient: row.coefficient, score: row.score, stars: row.stars }).toEqual({
        composite: expected.composite, grade: expected.grade, points: expected.points, coefficient: expected.coefficient, score: expected.score, stars: expected.stars,
      });
    }
    // Every case with a unit at this level is behind some row (nobody's cases are dropped).
    const unitsWithCases = new Set(facts.flatMap((f) => contributionsOf(f, level).map(([id]) => id)));
    for (const id of unitsWithCases) expect(api.rows.some((r) => r.unitId === id)).toBe(true);
    // The first call also projects the whole demo history, and the domain reads every timeline back.
    const ranked = rankRows(api.rows, DEFAULT_ASSESSMENT_CONFIG.bottomShare);
    expect(api.rows.map((r) => [r.unitId, r.rank, r.bottom])).toEqual(ranked.map((r) => [r.unitId, r.rank, r.bottom]));
    const total = emptyCounts();
    for (const f of facts) addCase(total, f, 'all', api.asOf);
    // The scope's patrol work is its zones' together.
    const zonePatrols = [...patrolFiguresOf(patrolDays, 'zone').values()];
    const totalPatrols = {
      patrolDays: zonePatrols.reduce((sum, z) => sum + z.patrolDays, 0),
      patrolVisits: zonePatrols.reduce((sum, z) => sum + z.patrolVisits, 0),
      patrolKm: Math.round(zonePatrols.reduce((sum, z) => sum + z.patrolKm, 0) * 100) / 100,
    };
    expectSameFigures(api.total, figuresOf(total, totalPatrols));
  }, 240_000);

  const personOf = async (id: string) => {
    const [u] = (await db().query(`SELECT role, area_id FROM users WHERE id = $1`, [id])) as { role: string; area_id: string | null }[];
    return { role: u.role, areaId: u.area_id };
  };

  it('shows meaningful figures: a spread of grades, overdue and reworked cases, missed reports, a bottom 10 %', async () => {
    const zones = await assess('assessor', 'zone');
    expect(zones.rows).toHaveLength(10);
    expect(zones.total.reported).toBeGreaterThan(1000);
    expect(zones.total.overdue).toBeGreaterThan(0);
    expect(zones.total.reworked).toBeGreaterThan(0);
    expect(zones.total.missedReports).toBeGreaterThan(0);
    expect(zones.total.closureRate).toBeGreaterThan(0.5);
    expect(zones.rows.filter((r) => r.bottom)).toHaveLength(1);
    const grids = await assess('assessor', 'grid');
    expect(new Set(grids.rows.map((r) => r.grade)).size).toBeGreaterThan(1);
    expect(grids.rows[0].rank).toBe(1);
  });

  describe('scope', () => {
    it('shows a zone leader the units of their zone only; another zone is refused', async () => {
      const { zoneLeader, grid } = await gridFixture(t, 0);
      const villages = await assess(zoneLeader.username, 'village');
      expect(villages.rows.length).toBeGreaterThan(0);
      expect(villages.rows.every((r) => r.parentAreaId === grid.path[1])).toBe(true);
      expect((await assess(zoneLeader.username, 'zone')).rows.map((r) => r.unitId)).toEqual([grid.path[1]]);
      const all = await assess('assessor', 'zone');
      const other = all.rows.find((r) => r.unitId !== grid.path[1]);
      const res = await t.get(zoneLeader.username, `/api/assessment?level=grid&${PERIOD}&areaId=${other?.unitId}`);
      expect(res.status).toBe(403);
      // Their zone's line is the same as the assessor sees it.
      expect((await assess(zoneLeader.username, 'zone')).rows[0].figures).toEqual(all.rows.find((r) => r.unitId === grid.path[1])?.figures);
    });

    it('shows a grid worker their own line and their grid, nothing wider', async () => {
      const { worker, grid } = await gridFixture(t, 3);
      expect((await assess(worker.username, 'worker')).rows.map((r) => r.unitId)).toEqual([worker.id]);
      expect((await assess(worker.username, 'grid')).rows.map((r) => r.unitId)).toEqual([grid.id]);
      expect((await t.get(worker.username, `/api/assessment?level=zone&${PERIOD}`)).status).toBe(403);
      const someoneElse = (await assess('assessor', 'worker')).rows.find((r) => r.unitId !== worker.id);
      expect((await t.get(worker.username, `/api/assessment/ledger?userId=${someoneElse?.unitId}&${PERIOD}`)).status).toBe(404);
      expect((await t.get(worker.username, `/api/assessment/cases?level=worker&unitId=${someoneElse?.unitId}&figure=reported&${PERIOD}`)).status).toBe(403);
    });

    it('shows department staff their department only', async () => {
      const departments: DepartmentDto[] = (await t.get('operator', '/api/departments')).body;
      const zhzf = departments.find((d) => d.code === 'zhzf');
      const mine = await assess('dept_zhzf', 'department');
      expect(mine.rows.map((r) => r.unitId)).toEqual([zhzf?.id]);
      expect((await t.get('dept_zhzf', `/api/assessment?level=grid&${PERIOD}`)).status).toBe(403);
    });

    it('answers bad input with field-level 400s', async () => {
      const bad = await t.get('assessor', `/api/assessment?level=street&from=2026-13-01&to=2026-01-01`);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['level', 'from']));
      const backwards = await t.get('assessor', `/api/assessment?level=zone&from=2026-06-01&to=2026-05-01`);
      expect(backwards.status).toBe(400);
      expect(backwards.body.fields).toHaveProperty('to');
      expect((await t.get('assessor', `/api/assessment/cases?level=zone&unitId=x&figure=reported&${PERIOD}`)).body.fields).toHaveProperty('unitId');
      expect((await t.get('assessor', `/api/assessment?level=zone&${PERIOD}&version=99`)).status).toBe(400);
    });
  });

  it('drills down from a figure to exactly the cases behind it', async () => {
    const api = await assess('assessor', 'zone');
    const facts = await factsFromEvents();
    const zone = api.rows[0];
    for (const figure of ['overdue', 'missedReports', 'reworked', 'shouldClose'] as const) {
      const res = await t.get('assessor', `/api/assessment/cases?level=zone&unitId=${zone.unitId}&figure=${figure}&${PERIOD}&pageSize=500`);
      expect([res.status, res.body.message]).toEqual([200, undefined]);
      const drill: AssessmentDrillResponse = res.body;
      expect(drill.total).toBe(zone.figures[figure]);
      const ids = drill.items.map((i) => i.id).sort();
      const judged = facts.filter((f) => f.areaPath[1] === zone.unitId).filter((f) => {
        const j = judge(f, api.asOf);
        return figure === 'overdue' ? j.overdue : figure === 'shouldClose' ? j.shouldClose : figure === 'reworked' ? f.reworked : f.missedReport;
      });
      expect(ids).toEqual(judged.map((f) => f.caseId).sort());
    }
  });

  it('keeps a ledger per person whose entries add up to their points', async () => {
    const workers = await assess('assessor', 'worker');
    const busiest = [...workers.rows].sort((a, b) => b.figures.overdue - a.figures.overdue)[0];
    const ledger: AssessmentLedger = (await t.get('assessor', `/api/assessment/ledger?userId=${busiest.unitId}&${PERIOD}`)).body;
    expect(ledger.points).toBe(busiest.points);
    expect(ledger.score).toBe(busiest.score);
    expect(ledger.entries.reduce((s, e) => s + e.points, 0)).toBeCloseTo(ledger.points, 6);
    expect(ledger.entries.filter((e) => e.rule === 'overdue')).toHaveLength(busiest.figures.overdue);
  });

  it('exports CSV that parses (with a BOM for Excel) and an Excel file that opens', async () => {
    const api = await assess('assessor', 'village');
    const { accessToken } = await t.login('assessor');
    const csv = await request(t.app.getHttpServer()).get(`/api/assessment/export?level=village&${PERIOD}&format=csv`).set('Authorization', `Bearer ${accessToken}`).buffer(true).parse(binary);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(lines).toHaveLength(api.rows.length + 1);
    expect(lines[0].slice(0, 4)).toEqual(['排名', '编码', '名称', '综合指标值']);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[1][1]).toBe(api.rows[0].unitCode);

    const xlsx = await request(t.app.getHttpServer()).get(`/api/assessment/export?level=village&${PERIOD}&format=xlsx&lang=en`).set('Authorization', `Bearer ${accessToken}`).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(api.rows.length + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('Rank');
    expect(sheet.getRow(2).getCell(3).value).toBe(api.rows[0].unitName);
    expect(sheet.getRow(2).getCell(4).value).toBe(api.rows[0].composite);
  });

  it('recomputes the figures when an appeal against an overdue is upheld', async () => {
    const workers = await assess('assessor', 'worker');
    // A grid worker with an overdue on a case that was not also reworked, so that appealing a rework on it is refused.
    let found: { appellant: AssessmentRow; ledger: AssessmentLedger; entry: AssessmentLedger['entries'][number] } | null = null;
    for (const candidate of workers.rows.filter((r) => r.figures.overdue > 0 && r.unitCode.startsWith('grid'))) {
      const candidateLedger: AssessmentLedger = (await t.get('assessor', `/api/assessment/ledger?userId=${candidate.unitId}&${PERIOD}`)).body;
      const reworked = new Set(candidateLedger.entries.filter((e) => e.appealable === 'rework').map((e) => e.caseId));
      const candidateEntry = candidateLedger.entries.find((e) => e.appealable === 'overdue' && !reworked.has(e.caseId));
      if (candidateEntry) {
        found = { appellant: candidate, ledger: candidateLedger, entry: candidateEntry };
        break;
      }
    }
    if (!found) throw new Error('no overdue to appeal');
    const { appellant, ledger, entry } = found;
    const body = { caseId: entry.caseId, kind: 'overdue', reason: '系统派错网格，次日才转到本人', evidence: '见转派记录' };
    const someoneElse = workers.rows.find((r) => r.unitCode.startsWith('grid') && r.unitId !== appellant.unitId) as AssessmentRow;
    expect((await post(t, someoneElse.unitCode, '/api/assessment/appeals', body)).status).toBe(403);
    expect((await post(t, appellant.unitCode, '/api/assessment/appeals', { ...body, kind: 'rework' })).status).toBe(400);
    const filed = await post(t, appellant.unitCode, '/api/assessment/appeals', body);
    expect(filed.status).toBe(201);
    expect((await post(t, appellant.unitCode, '/api/assessment/appeals', body)).status).toBe(409);
    const appeal: AppealDto = filed.body;
    expect((await post(t, appellant.unitCode, `/api/assessment/appeals/${appeal.id}/decide`, { decision: 'upheld', note: 'x' })).status).toBe(403);
    const decided = await post(t, 'assessor', `/api/assessment/appeals/${appeal.id}/decide`, { decision: 'upheld', note: '核实派错，不计超期' });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ status: 'upheld', decisionNote: '核实派错，不计超期' });
    expect((await post(t, 'assessor', `/api/assessment/appeals/${appeal.id}/decide`, { decision: 'rejected', note: 'again' })).status).toBe(409);

    const after = (await assess('assessor', 'worker')).rows.find((r) => r.unitId === appellant.unitId) as AssessmentRow;
    expect(after.figures.overdue).toBe(appellant.figures.overdue - 1);
    const newLedger: AssessmentLedger = (await t.get(appellant.unitCode, `/api/assessment/ledger?userId=${appellant.unitId}&${PERIOD}`)).body;
    expect(newLedger.entries.some((e) => e.caseId === entry.caseId && e.rule === 'overdue')).toBe(false);
    // The case now counts as on time: the −3 is gone, and it may earn the on-time +2 it had lost.
    const pointsOfCase = (l: AssessmentLedger) => l.entries.filter((e) => e.caseId === entry.caseId).reduce((sum, e) => sum + e.points, 0);
    const gained = pointsOfCase(newLedger) - pointsOfCase(ledger);
    expect([-DEFAULT_ASSESSMENT_CONFIG.points.overdue, -DEFAULT_ASSESSMENT_CONFIG.points.overdue + DEFAULT_ASSESSMENT_CONFIG.points.handledOnTime]).toContain(gained);
    expect(after.points).toBeCloseTo((appellant.points ?? 0) + gained, 6);
    expect(newLedger.points).toBe(after.points);
    const mine = (await t.get(appellant.unitCode, '/api/assessment/appeals')).body;
    expect(mine.items.map((a: AppealDto) => a.id)).toEqual([appeal.id]);
    const logged = await db().query(`SELECT action FROM audit_log WHERE detail->>'appealId' = $1 ORDER BY id`, [appeal.id]);
    expect(logged.map((l: { action: string }) => l.action)).toEqual(['appeal_filed', 'appeal_decided']);
  });

  it('re-runs a period under a new configuration version; the old version still answers as before', async () => {
    const v1 = await assess('assessor', 'worker');
    const config: AssessmentConfig = { ...DEFAULT_ASSESSMENT_CONFIG, points: { ...DEFAULT_ASSESSMENT_CONFIG.points, overdue: -10 } };
    expect((await post(t, 'zone01', '/api/assessment/config', { config, note: 'stricter' })).status).toBe(403);
    const wrong = await post(t, 'assessor', '/api/assessment/config', { config: { ...config, indicators: { ...config.indicators, area: [{ figure: 'onTimeRate', weight: 0.5 }] } }, note: 'bad' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toHaveProperty(['config.indicators.area']);
    const created = await post(t, 'assessor', '/api/assessment/config', { config, note: '超期扣分加重' });
    expect(created.status).toBe(201);
    const v2 = await assess('assessor', 'worker', `&version=${created.body.version}`);
    expect(v2.configVersion).toBe(created.body.version);
    for (const row of v2.rows) {
      const before = v1.rows.find((r) => r.unitId === row.unitId) as AssessmentRow;
      expect(row.points).toBeCloseTo((before.points ?? 0) - 7 * row.figures.overdue, 6);
    }
    expect((await assess('assessor', 'worker', '&version=1')).rows.map((r) => r.points)).toEqual(v1.rows.map((r) => r.points));
    const versions = (await t.get('grid001', '/api/assessment/config')).body;
    expect(versions[0]).toMatchObject({ version: created.body.version, current: true });
  });

  it('takes a new report into account at once (the projection follows the timeline)', async () => {
    const { grid, worker } = await gridFixture(t, 5);
    const before = (await assess('assessor', 'grid')).rows.find((r) => r.unitId === grid.id) as AssessmentRow;
    await report(t, worker.username, grid);
    const after = (await assess('assessor', 'grid')).rows.find((r) => r.unitId === grid.id) as AssessmentRow;
    expect(after.figures.reported).toBe(before.figures.reported + 1);
    const users: UserDto[] = (await t.get('admin', `/api/users?areaId=${grid.id}&role=grid_worker`)).body;
    expect(users.map((u) => u.id)).toContain(worker.id);
  });
});
