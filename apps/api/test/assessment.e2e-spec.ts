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
  ALL_PARTS,
  isLeaderLevel,
  caseFacts,
  CHINA_WORK_CALENDAR,
  contributionsOf,
  countsOf,
  DEFAULT_ASSESSMENT_CONFIG,
  emptyCounts,
  figuresOf,
  isFinished,
  judge,
  localDateOf,
  monthOf,
  nextMonth,
  patrolFiguresOf,
  rankRows,
  RANKED_PERSON_ROLES,
  rowOf,
  type AssessmentCaseFacts,
  type DutyDaySummary,
  type PatrolDaySummary,
} from '@grid/domain';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssessmentFactsStore, factsOfRow, type FactRow } from '../src/modules/assessment/assessment-facts.store';
import { AssessmentProjector, RUN_LIMIT } from '../src/modules/assessment/assessment-projector.service';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import type { AuthUser } from '../src/modules/auth/auth-user';
import { CaseSlaService } from '../src/modules/cases/case-sla.service';
import { CaseStore } from '../src/modules/cases/case-store';
import { act, gridFixture, post, report } from './cases-helpers';
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

/** Local dates, both inclusive. */
interface Period {
  from: string;
  to: string;
}

/** The whole month `back` months before today's (0: this month, up to its last day). */
function monthPeriod(back: number): Period {
  let month = monthOf(TO);
  for (let i = 0; i < back; i++) month = monthOf(new Date(Date.parse(month) - DAY).toISOString().slice(0, 10));
  return { from: month, to: new Date(Date.parse(nextMonth(month)) - DAY).toISOString().slice(0, 10) };
}
/** The same month's `day`th. */
const withDay = (date: string, day: number) => `${date.slice(0, 8)}${String(day).padStart(2, '0')}`;

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
   * read once, and again for the cases a test changes (`reread`), or all of them (`forget`).
   */
  let known: Promise<Map<string, AssessmentCaseFacts>> | null = null;
  const allFacts = () => (known ??= readFacts(null));
  const forget = () => (known = null);
  const reread = async (caseIds: string[]) => {
    const [facts, fresh] = await Promise.all([allFacts(), readFacts(caseIds)]);
    for (const [id, fact] of fresh) facts.set(id, fact);
  };
  async function readFacts(caseIds: string[] | null): Promise<Map<string, AssessmentCaseFacts>> {
    const now = new Date().toISOString();
    // Each case counts under the version of its category it was routed under (ADR 0011).
    const categories = new Map(
      (
        (await db().query(`SELECT category_code AS code, version, clock, time_limits, points FROM category_versions`)) as {
          code: string;
          version: number;
          clock: 'working' | 'calendar';
          time_limits: never;
          points: number;
        }[]
      ).map((c) => [`${c.code}@${c.version}`, { clock: c.clock, timeLimits: c.time_limits, points: c.points }]),
    );
    const upheld = (await db().query(`SELECT case_id, kind FROM assessment_appeals WHERE status = 'upheld' ORDER BY kind`)) as { case_id: string; kind: 'overdue' }[];
    const cases = (await db().query(`SELECT id, category_code, category_version FROM cases WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])`, [caseIds])) as { id: string; category_code: string; category_version: number }[];
    const store = t.app.get(CaseStore);
    const facts = new Map<string, AssessmentCaseFacts>();
    for (const c of cases) {
      const events = await store.events(db().manager, c.id);
      const category = categories.get(`${c.category_code}@${c.category_version}`);
      if (!category) throw new Error(`no category ${c.category_code} version ${c.category_version}`);
      const waived = upheld.filter((u) => u.case_id === c.id).map((u) => u.kind);
      facts.set(c.id, caseFacts(c.id, events, category, CHINA_WORK_CALENDAR, now, waived));
    }
    return facts;
  }
  /** The instants a period of local dates spans, [from, to). */
  const spanOf = (period: Period) => ({ from: Date.parse(`${period.from}T00:00:00+08:00`), to: Date.parse(`${period.to}T00:00:00+08:00`) + DAY });
  const factsOf = async (period: Period) => {
    const { from, to } = spanOf(period);
    return [...(await allFacts()).values()].filter((f) => Date.parse(f.reportedAt) >= from && Date.parse(f.reportedAt) < to);
  };

  /** The period's patrols (the demo history has them), one summary per patrol, read back from the patrol tables. */
  async function patrolsOf(period: Period): Promise<PatrolDaySummary[]> {
    const rows = (await db().query(
      `SELECT p.worker_id, p.grid_id, p.area_path, p.started_at, p.distance_m, (SELECT count(*) FROM patrol_visits v WHERE v.patrol_id = p.id)::int AS visits FROM patrols p`,
    )) as { worker_id: string; grid_id: string; area_path: string[]; started_at: Date; distance_m: number; visits: number }[];
    const { from, to } = spanOf(period);
    return rows
      .filter((r) => r.started_at.getTime() >= from && r.started_at.getTime() < to)
      .map((r) => ({ workerId: r.worker_id, gridId: r.grid_id, areaPath: r.area_path, day: localDateOf(r.started_at.toISOString()), distanceM: r.distance_m, visits: r.visits }));
  }

  /** Check-ins of the rota (issue 17): one on-duty day per worker and local day, however many that day. */
  async function dutyDaysOf(period: Period): Promise<DutyDaySummary[]> {
    const rows = (await db().query(`SELECT c.user_id, a.path || a.id AS area_path, c.at FROM check_ins c JOIN areas a ON a.id = c.area_id`)) as { user_id: string; area_path: string[]; at: Date }[];
    const { from, to } = spanOf(period);
    return rows.filter((r) => r.at.getTime() >= from && r.at.getTime() < to).map((r) => ({ workerId: r.user_id, areaPath: r.area_path, day: localDateOf(r.at.toISOString()) }));
  }

  const assess = async (username: string, level: AssessmentLevel, extra = '', period = `${PERIOD}`): Promise<AssessmentResponse> => {
    const res = await t.get(username, `/api/assessment?level=${level}&${period}${extra}`);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Role and area of every person (what a person's coefficient depends on). */
  let people: Promise<Map<string, { role: string; areaId: string | null; areaLevel: string }>> | null = null;
  const personOf = async (id: string) => {
    people ??= db()
      .query(`SELECT u.id, u.role, u.area_id, a.level AS area_level FROM users u LEFT JOIN areas a ON a.id = u.area_id`)
      .then((rows: { id: string; role: string; area_id: string | null; area_level: string }[]) => new Map(rows.map((u) => [u.id, { role: u.role, areaId: u.area_id, areaLevel: u.area_level }])));
    return (await people).get(id) as { role: string; areaId: string | null; areaLevel: string };
  };

  /**
   * The assessor's answer at a level for a period, checked against the domain's result computed from the events:
   * every figure of every row and of the totals line, composite, grade, points, coefficient, score, stars, rank.
   */
  async function expectSameAsDomain(level: AssessmentLevel, period: Period, config: { version: number; config: AssessmentConfig } = { version: 1, config: DEFAULT_ASSESSMENT_CONFIG }): Promise<{ api: AssessmentResponse; facts: AssessmentCaseFacts[] }> {
    const api = await assess('assessor', level, `&version=${config.version}`, `from=${period.from}&to=${period.to}`);
    expect(api.pendingCases).toBe(0);
    const facts = await factsOf(period);
    const patrolDays = await patrolsOf(period);
    const dutyDays = await dutyDaysOf(period);
    const patrols = patrolFiguresOf(patrolDays, level, dutyDays);
    // A leader's post is judged by the figures of the area they lead (and their own field work).
    const areaCounts = new Map<string, ReturnType<typeof countsOf>>();
    const countsFor = async (unitId: string) => {
      if (!isLeaderLevel(level)) {
        if (!areaCounts.has(level)) areaCounts.set(level, countsOf(facts, level, api.asOf, config.config.suspension));
        return areaCounts.get(level)?.get(unitId) ?? emptyCounts();
      }
      const { areaId, areaLevel } = await personOf(unitId);
      if (!areaCounts.has(areaLevel)) areaCounts.set(areaLevel, countsOf(facts, areaLevel as 'grid' | 'village' | 'zone', api.asOf, config.config.suspension));
      return areaCounts.get(areaLevel)?.get(areaId ?? '') ?? emptyCounts();
    };
    for (const row of api.rows) {
      const unitCounts = await countsFor(row.unitId);
      expectSameFigures(row.figures, figuresOf(unitCounts, patrols.get(row.unitId)));
      const person = level === 'worker' || isLeaderLevel(level) ? await personOf(row.unitId) : undefined;
      const expected = rowOf(level, { unitId: row.unitId, unitName: row.unitName, unitCode: row.unitCode, parentAreaId: row.parentAreaId, person }, row.figures, unitCounts, config.config);
      expect({ composite: row.composite, grade: row.grade, points: row.points, coefficient: row.coefficient, score: row.score, stars: row.stars }).toEqual({
        composite: expected.composite, grade: expected.grade, points: expected.points, coefficient: expected.coefficient, score: expected.score, stars: expected.stars,
      });
    }
    const ranking = rankRows(api.rows, config.config.bottomShare);
    expect(api.rows.map((r) => [r.unitId, r.rank, r.bottom])).toEqual(ranking.map((r) => [r.unitId, r.rank, r.bottom]));
    const total = emptyCounts();
    for (const f of facts) addCase(total, f, ALL_PARTS, api.asOf, undefined, config.config.suspension);
    // The scope's patrol work is its zones' together.
    const zonePatrols = [...patrolFiguresOf(patrolDays, 'zone', dutyDays).values()];
    const totalPatrols = {
      patrolDays: zonePatrols.reduce((sum, z) => sum + z.patrolDays, 0),
      patrolVisits: zonePatrols.reduce((sum, z) => sum + z.patrolVisits, 0),
      patrolKm: Math.round(zonePatrols.reduce((sum, z) => sum + z.patrolKm, 0) * 100) / 100,
      onDutyDays: zonePatrols.reduce((sum, z) => sum + z.onDutyDays, 0),
    };
    expectSameFigures(api.total, figuresOf(total, totalPatrols));
    return { api, facts };
  }

  it.each(ASSESSMENT_LEVELS)('computes every %s figure, composite, point and rank as the domain does from the timeline', async (level) => {
    // The first call also projects the whole demo history, and the domain reads every timeline back.
    const { api, facts } = await expectSameAsDomain(level, { from: FROM, to: TO });
    expect(api.rows.length).toBeGreaterThan(0);
    if (isLeaderLevel(level)) {
      // Every holder of the post is ranked, with their area's cases.
      const holders = (await db().query(`SELECT id FROM users WHERE role = $1 AND active`, [level])) as { id: string }[];
      expect(api.rows.map((r) => r.unitId).sort()).toEqual(holders.map((u) => u.id).sort());
      expect(api.rows.some((r) => r.figures.reported > 0)).toBe(true);
      return;
    }
    if (level === 'worker') {
      // The demo history has cases whose overdue is not their handler's (a re-dispatch, a return): the rule is exercised.
      expect(facts.some((f) => f.overdueAt !== null && f.overdueHolderId !== f.handlerId)).toBe(true);
    }
    // Every case with a unit at this level is behind some row (nobody's cases are dropped); persons are grid workers only.
    const unitsWithCases = new Set(facts.flatMap((f) => contributionsOf(f, level).map(([id]) => id)));
    const ranked = level === 'worker' ? await rankedPersons() : null;
    expect(unitsWithCases.size).toBeGreaterThan(0);
    for (const id of unitsWithCases) expect([id, api.rows.some((r) => r.unitId === id)]).toEqual([id, ranked === null || ranked.has(id)]);
    if (ranked) {
      // Department staff and leaders handle and report cases too, but only grid workers are ranked.
      expect([...unitsWithCases].some((id) => !ranked.has(id))).toBe(true);
      expect(api.rows.filter((r) => !ranked.has(r.unitId))).toEqual([]);
    }
  }, 240_000);

  /** The persons the worker level ranks (RANKED_PERSON_ROLES: grid workers). */
  const rankedPersons = async () => new Set(((await db().query(`SELECT id FROM users WHERE role = ANY($1::text[])`, [RANKED_PERSON_ROLES])) as { id: string }[]).map((u) => u.id));

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
      const paging = await t.get('assessor', `/api/assessment?level=grid&${PERIOD}&page=0&pageSize=5000`);
      expect([paging.status, Object.keys(paging.body.fields ?? {}).sort()]).toEqual([400, ['page', 'pageSize']]);
    });
  });

  it('drills down from a figure to exactly the cases behind it', async () => {
    const api = await assess('assessor', 'zone');
    const facts = await factsOf({ from: FROM, to: TO });
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

  it('pages a ranking: the pages together are the whole ranking, ranks and bottom flags as in it', async () => {
    const whole = await assess('assessor', 'worker', '&version=1');
    expect([whole.rowCount, whole.page, whole.pageSize]).toEqual([whole.rows.length, 1, null]);
    const pages: AssessmentResponse[] = [];
    for (let page = 1; page === 1 || pages[pages.length - 1].rows.length > 0; page++) pages.push(await assess('assessor', 'worker', `&version=1&page=${page}&pageSize=100`));
    expect(pages.length).toBe(Math.ceil(whole.rowCount / 100) + 1);
    for (const p of pages) expect([p.rowCount, p.pageSize]).toEqual([whole.rowCount, 100]);
    const line = (r: AssessmentRow) => [r.unitId, r.rank, r.bottom];
    expect(pages.flatMap((p) => p.rows.map(line))).toEqual(whole.rows.map(line));
    // The bottom 10 % are on the last pages.
    expect(pages[pages.length - 2].rows.some((r) => r.bottom)).toBe(true);
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
    await reread([entry.caseId]);
    await expectSameAsDomain('worker', { from: FROM, to: TO });
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
    // Every figure, point and rank of the re-run, for the whole period and for a whole month read from the rollups.
    for (const period of [{ from: FROM, to: TO }, monthPeriod(1)]) await expectSameAsDomain('worker', period, { version: created.body.version, config });
    const versions = (await t.get('grid001', '/api/assessment/config')).body;
    expect(versions[0]).toMatchObject({ version: created.body.version, current: true });
  });

  it('takes a new report into account at once (the projection follows the timeline)', async () => {
    const { grid, worker } = await gridFixture(t, 5);
    const before = (await assess('assessor', 'grid')).rows.find((r) => r.unitId === grid.id) as AssessmentRow;
    const created = await report(t, worker.username, grid);
    const after = (await assess('assessor', 'grid')).rows.find((r) => r.unitId === grid.id) as AssessmentRow;
    expect(after.figures.reported).toBe(before.figures.reported + 1);
    await reread([created.id]);
    const users: UserDto[] = (await t.get('admin', `/api/users?areaId=${grid.id}&role=grid_worker`)).body;
    expect(users.map((u) => u.id)).toContain(worker.id);
  });
  it('writes a report’s facts with the report (nothing left for the projector); its next event marks it for the projector again', async () => {
    const { grid, worker } = await gridFixture(t, 61);
    const created = await report(t, worker.username, grid);
    const factsRow = async () =>
      ((await db().query(`SELECT f.*, f.through_seq::int AS through, c.last_seq::int AS last FROM assessment_facts f JOIN cases c ON c.id = f.case_id WHERE f.case_id = $1`, [created.id])) as (FactRow & { through: number; last: number })[])[0];
    const marked = async () => ((await db().query(`SELECT 1 FROM assessment_dirty WHERE case_id = $1`, [created.id])) as unknown[]).length > 0;

    expect(await marked()).toBe(false);
    const written = await factsRow();
    expect(written.through).toBe(written.last);
    const [expected] = (await readFacts([created.id])).values();
    expect(factsOfRow(written)).toEqual({ ...expected, areaPath: ['', ...expected.areaPath.slice(1)] });

    expect((await act(t, worker.username, created.id, 'accept')).status).toBe(200);
    expect(await marked()).toBe(true);
    await t.app.get(AssessmentProjector).projectDirty();
    const projected = await factsRow();
    expect(await marked()).toBe(false);
    expect([projected.status, projected.accepted, projected.through]).toEqual(['accepted', true, projected.last]);
    expect(projected.through).toBeGreaterThan(written.through);
    await reread([created.id]);
  });

  it('projects a case while an action holds it: the action’s lock leaves the facts’ foreign key free (the two once deadlocked)', async () => {
    const { grid, worker } = await gridFixture(t, 62);
    const created = await report(t, worker.username, grid);
    // No facts yet, as before intake wrote them: the projector inserts the row, and its foreign key checks the case.
    await db().query(`DELETE FROM assessment_facts WHERE case_id = $1`, [created.id]);
    await t.app.get(AssessmentFactsStore).markDirty(db().manager, [created.id]);
    const admin = { ...(await t.get('admin', '/api/auth/me')).body, areaPath: [], areaLevel: null } as AuthUser;
    const action = db().createQueryRunner();
    await action.connect();
    await action.startTransaction();
    try {
      expect(await t.app.get(CaseStore).lockVisible(action.manager, created.id, admin)).not.toBeNull();
      const projected = t.app.get(AssessmentProjector).projectDirty().then(() => 'projected');
      expect(await Promise.race([projected, new Promise((resolve) => setTimeout(() => resolve('waiting for the action'), 5_000))])).toBe('projected');
    } finally {
      await action.rollbackTransaction();
      await action.release();
    }
    expect(((await db().query(`SELECT status FROM assessment_facts WHERE case_id = $1`, [created.id])) as unknown[]).length).toBe(1);
    await reread([created.id]);
  });

  describe('monthly rollups', () => {
    const cellOf = async (month: string, gridId: string) => {
      const [row] = (await db().query(`SELECT reported, reworked, rated, closed FROM assessment_rollups WHERE month = $1 AND grid_id = $2 AND person_id IS NULL`, [month, gridId])) as {
        reported: number; reworked: number; rated: number; closed: number;
      }[];
      return row ?? { reported: 0, reworked: 0, rated: 0, closed: 0 };
    };

    it('answers any period as the domain does: whole months from the rollups, the edges and open cases live', async () => {
      const [previous, before] = [monthPeriod(1), monthPeriod(2)];
      const periods: Period[] = [
        previous,
        { from: before.from, to: previous.to },
        { from: withDay(before.from, 10), to: withDay(previous.from, 20) },
        { from: withDay(previous.from, 5), to: withDay(previous.from, 25) },
        { from: withDay(before.from, 15), to: previous.to },
        { from: previous.from, to: TO },
        { from: previous.to, to: previous.to },
        monthPeriod(0),
      ];
      // Zones stand for every area level here (the same rollup rows, summed by another column); all levels once.
      for (const period of periods) for (const level of ['zone', 'worker', 'department'] as const) await expectSameAsDomain(level, period);
      for (const level of ['grid', 'village'] as const) await expectSameAsDomain(level, periods[1]);
      // A finished case's clocks all ran out (if at all) before it finished: judged once, at the end of time, in the rollups.
      const finished = [...(await allFacts()).values()].filter(isFinished);
      const lateAfterFinishing = finished.filter((f) => [f.acceptLateAt, f.handleLateAt, f.caseLateAt, f.overdueAt].some((at) => at !== null && at > (f.closedAt ?? f.reportedAt)));
      expect([finished.length > 1000, lateAfterFinishing]).toEqual([true, []]);
      // The whole months really come from the rollups: every finished case of the month is in its grid's rows.
      const facts = await factsOf(previous);
      const [rolled] = (await db().query(`SELECT sum(reported)::int AS reported FROM assessment_rollups WHERE month = $1 AND person_id IS NULL`, [previous.from])) as { reported: number }[];
      expect(rolled.reported).toBe(facts.filter(isFinished).length);
      expect(rolled.reported).toBeGreaterThan(100);
    }, 240_000);

    describe('a rollup row changed behind the projector’s back', () => {
      let cell: { month: string; gridId: string } | null = null;
      afterAll(async () => {
        if (cell) await db().query(`UPDATE assessment_rollups SET reported = reported - 1000 WHERE month = $1 AND grid_id = $2 AND person_id IS NULL AND reported >= 1000`, [cell.month, cell.gridId]);
      });

      it('shows in the answer until its cell is queued again (then read live) and rolled up anew', async () => {
        const previous = monthPeriod(1);
        const grid = (await factsOf(previous)).filter(isFinished)[0].areaPath[3];
        const reportedOf = async (period: Period) => (await assess('assessor', 'grid', '&version=1', `from=${period.from}&to=${period.to}`)).rows.find((r) => r.unitId === grid)?.figures.reported;
        const right = await reportedOf(previous);
        const edge = { from: withDay(previous.from, 2), to: previous.to };
        const rightAtEdge = await reportedOf(edge);
        cell = { month: previous.from, gridId: grid };
        await db().query(`UPDATE assessment_rollups SET reported = reported + 1000 WHERE month = $1 AND grid_id = $2 AND person_id IS NULL`, [cell.month, cell.gridId]);
        expect(await reportedOf(previous)).toBe((right ?? 0) + 1000);
        // A partial month is read live: the rollup row plays no part.
        expect(await reportedOf(edge)).toBe(rightAtEdge);
        // A queued cell (a backfill under way) makes its month live until it is rolled up.
        await db().query(`INSERT INTO assessment_rollup_stale (month, grid_id) VALUES ($1, $2)`, [cell.month, cell.gridId]);
        expect(await reportedOf(previous)).toBe(right);
        expect(await t.app.get(AssessmentProjector).rollUpStaleCells(100)).toBe(1);
        expect((await db().query(`SELECT count(*)::int AS n FROM assessment_rollup_stale`))[0].n).toBe(0);
        expect(await reportedOf(previous)).toBe(right);
        // The cell holds the grid's finished cases of the month (the answer adds its open ones, read live).
        const finishedInCell = (await factsOf(previous)).filter((f) => isFinished(f) && f.areaPath[3] === grid).length;
        expect((await cellOf(cell.month, cell.gridId)).reported).toBe(finishedInCell);
        cell = null;
      });
    });

    it('moves a case that finishes from the live part into its month’s rollup, through a rework, a rating and a cancellation', async () => {
      const { grid, worker, zoneLeader } = await gridFixture(t, 60);
      const month = monthPeriod(0);
      const compare = async (caseIds: string[]) => {
        await reread(caseIds);
        for (const level of ['grid', 'worker', 'zone'] as const) await expectSameAsDomain(level, month);
        return cellOf(month.from, grid.id);
      };
      const created = await report(t, zoneLeader.username, grid);
      const open = await compare([created.id]);
      for (const [action, body] of [['accept', {}], ['start', {}], ['complete', { note: '已清理' }]] as const) expect((await act(t, worker.username, created.id, action, body)).status).toBe(200);
      expect((await act(t, zoneLeader.username, created.id, 'rework', { note: '仍有垃圾' })).status).toBe(200);
      // Sent back: still open, still live.
      expect(await compare([created.id])).toEqual(open);
      expect((await act(t, worker.username, created.id, 'complete', { note: '已清理干净' })).status).toBe(200);
      expect((await act(t, zoneLeader.username, created.id, 'verify', { note: '属实' })).status).toBe(200);
      expect((await act(t, zoneLeader.username, created.id, 'close', {})).status).toBe(200);
      const closed = await compare([created.id]);
      expect(closed).toEqual({ ...open, reported: open.reported + 1, closed: open.closed + 1, reworked: open.reworked + 1 });
      // A finished case may still be rated: its cell is recomputed.
      expect((await act(t, zoneLeader.username, created.id, 'rate', { score: 2 })).status).toBe(200);
      expect(await compare([created.id])).toEqual({ ...closed, rated: closed.rated + 1 });
      const cancelled = await report(t, zoneLeader.username, grid);
      expect((await act(t, 'operator', cancelled.id, 'cancel', { note: '重复上报' })).status).toBe(200);
      expect(await compare([cancelled.id])).toEqual({ ...closed, rated: closed.rated + 1, reported: closed.reported + 1 });
    }, 120_000);

    it('recomputes the rollup of a finished case when an appeal waives its rework', async () => {
      const previous = monthPeriod(1);
      const appealed = new Set(((await db().query(`SELECT case_id FROM assessment_appeals`)) as { case_id: string }[]).map((a) => a.case_id));
      const ranked = await rankedPersons();
      const fact = (await factsOf(previous)).find((f) => f.closed && f.reworked && f.handlerId !== null && ranked.has(f.handlerId) && !appealed.has(f.caseId));
      if (!fact?.handlerId) throw new Error('no closed, reworked case of a grid worker to appeal');
      const before = await cellOf(previous.from, fact.areaPath[3]);
      const [handler] = (await db().query(`SELECT username FROM users WHERE id = $1`, [fact.handlerId])) as { username: string }[];
      const filed = await post(t, handler.username, '/api/assessment/appeals', { caseId: fact.caseId, kind: 'rework', reason: '返工系核查人误判', evidence: '见现场照片' });
      expect(filed.status).toBe(201);
      expect((await post(t, 'assessor', `/api/assessment/appeals/${filed.body.id}/decide`, { decision: 'upheld', note: '核实误判' })).status).toBe(201);
      await reread([fact.caseId]);
      for (const level of ['worker', 'grid'] as const) await expectSameAsDomain(level, previous);
      expect(await cellOf(previous.from, fact.areaPath[3])).toEqual({ ...before, reworked: before.reworked - 1 });
    });

    describe('a backlog larger than one run (the first start on a large existing database)', () => {
      const projector = () => t.app.get(AssessmentProjector);
      afterAll(async () => {
        projector().runLimit = RUN_LIMIT;
        await projector().projectDirty();
      });

      it('answers after one bounded run, saying how many cases wait, and catches up in the following runs', async () => {
        const [{ cases }] = (await db().query(`SELECT count(*)::int AS cases FROM cases`)) as { cases: number }[];
        projector().runLimit = 400;
        await db().query(`INSERT INTO assessment_dirty (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING`);
        const first = await assess('assessor', 'zone', '&version=1');
        // One run of 400 (two batches of 200) before answering (the background timer may have run one too); the rest waits.
        expect(first.pendingCases).toBeGreaterThan(0);
        expect(first.pendingCases).toBeLessThanOrEqual(cases - 400);
        const seen = [first.pendingCases];
        while (seen[seen.length - 1] > 0 && seen.length < 20) seen.push((await assess('assessor', 'zone', '&version=1')).pendingCases);
        expect(seen[seen.length - 1]).toBe(0);
        expect(seen).toEqual([...seen].sort((a, b) => b - a));
        await expectSameAsDomain('zone', { from: FROM, to: TO });
      }, 120_000);
    });

    describe('projectors of several instances recomputing the same cells at once', () => {
      const projectAllDirty = async () => {
        const store = t.app.get(AssessmentFactsStore);
        const sla = t.app.get(CaseSlaService);
        const config = t.app.get<AppConfig>(APP_CONFIG);
        // Three instances' projectors (SKIP LOCKED shares the cases out; the cells overlap).
        const projectors = [t.app.get(AssessmentProjector), new AssessmentProjector(db(), store, sla, config), new AssessmentProjector(db(), store, sla, config)];
        await db().query(`INSERT INTO assessment_dirty (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING`);
        for (;;) {
          const runs = await Promise.all(projectors.map((p) => p.projectDirty()));
          if (!runs.some((r) => r.more)) break;
        }
      };
      // Sums of hours to 1e-6 h: added in another order they differ in the last bits.
      const rollupRows = async () =>
        ((await db().query(`SELECT * FROM assessment_rollups ORDER BY month, grid_id, person_id NULLS FIRST`)) as Record<string, unknown>[]).map((row) =>
          Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v])),
        );
      afterAll(async () => {
        await db().query(`UPDATE category_versions SET points = points - 1`);
        await projectAllDirty();
        forget();
      });

      it('leaves every rollup row as a rebuild from the facts makes it', async () => {
        // Every case's facts change (its category's points), and every cell is recomputed by whichever projector gets there.
        await db().query(`UPDATE category_versions SET points = points + 1`);
        await projectAllDirty();
        const projected = await rollupRows();
        await db().query(`INSERT INTO assessment_rollup_stale (month, grid_id) SELECT DISTINCT date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, grid_id FROM assessment_facts ON CONFLICT DO NOTHING`);
        while ((await t.app.get(AssessmentProjector).rollUpStaleCells(500)) > 0);
        expect(await rollupRows()).toEqual(projected);
        forget();
        await expectSameAsDomain('worker', monthPeriod(1));
      }, 120_000);
    });
  });
});
