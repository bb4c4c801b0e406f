/**
 * The scenarios of `npm run bench -- territory onduty scale`, small: the same code on the built API, so `npm test`
 * shows they still run and measure what they say. Times are not checked here (run.ts judges them at full size).
 */
import { Client } from 'pg';
import { onDutyVerdict, rotaPickBench } from './rota.bench';
import { dropTemplates, generatedCases, growTo, prepareTemplates } from './scale-data';
import { checkDesk } from './scale.bench';
import { type BenchServer, startServer } from './server';
import { verdictLine } from './targets';
import { rerouteBench, rerouteVerdict, territoryBench, territoryVerdict } from './territory.bench';

describe('the benchmark scenarios, small', () => {
  let server: BenchServer;
  // The server loads the demo first: seconds on a quiet machine, over four minutes on a busy one. Two weeks of
  // history give the scale scenario its templates.
  beforeAll(async () => {
    server = await startServer({ DEMO_HISTORY_DAYS: '14' });
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('imports a generated city through the API: checked clean, then applied as a new version', async () => {
    const result = await territoryBench(server, 600);
    expect(result).toMatchObject({ grids: 600, status: 'valid', errors: 0, warnings: 0, version: 2 });
    expect(result.created + result.updated).toBeGreaterThan(600);
    // 600 grids are not the city the target is for: the verdict says so rather than passing.
    expect(verdictLine(territoryVerdict(result))).toMatch(/^FAIL territory import: 600 grids checked in [\d.]+ s and applied in [\d.]+ s/);
  });

  it('re-routes the open cases that the swapped grids move (applied once without, then with re-routing)', async () => {
    const result = await rerouteBench(server, 2_000);
    expect(result).toMatchObject({ grids: 600, openCases: 2_000 });
    expect(result.moved).toBeGreaterThan(1_000);
    expect(result.rerouted).toBeGreaterThan(0.9 * result.moved);
    expect(result.rerouted).toBeLessThanOrEqual(result.moved);
    expect(rerouteVerdict({ ...result, openCases: 100_000 }).pass).toBe(result.applySeconds < 30);
  });

  it('picks the person on duty, by the rules of the chain', () => {
    const result = rotaPickBench({ grids: 200, picks: 2_000 });
    expect(Object.values(result.rules).reduce((a, b) => a + b, 0)).toBe(2_000);
    expect(result.rules['on_duty']).toBeGreaterThan(1_000);
    expect(result.rules['substitute']).toBeGreaterThan(0);
    expect(verdictLine(onDutyVerdict(result))).toMatch(/^(PASS|FAIL) on-duty pick: [\d.]+ µs p50/);
  });

  // Last: it clones the history onto the grids the territory scenarios left, and checks the desk over them.
  it('clones the demo history into 100,000 valid cases with their timelines (the scale scenario)', async () => {
    const db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      const templates = await prepareTemplates(db);
      expect(templates.open).toBeGreaterThan(0);
      const growth = await growTo(db, 100_000);
      await dropTemplates(db);
      expect(growth).toMatchObject({ cases: 100_000, added: 100_000 });
      expect(await generatedCases(db)).toBe(100_000);
      const [facts] = (
        await db.query(`
          SELECT count(*) FILTER (WHERE status NOT IN ('closed', 'rejected', 'cancelled'))::int AS open,
                 count(*) FILTER (WHERE last_seq <> (SELECT max(seq) FROM case_events e WHERE e.case_id = c.id))::int AS wrong_last_seq,
                 count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.id = c.grid_id AND a.path || a.id = c.area_path))::int AS wrong_area,
                 count(*) FILTER (WHERE state->>'status' <> status OR state->'areaPath' <> to_jsonb(area_path) OR (state->'location'->>'lat')::float8 <> lat)::int AS wrong_state
          FROM cases c TABLESAMPLE BERNOULLI (5) WHERE code LIKE 'SC%'`)
      ).rows as { open: number; wrong_last_seq: number; wrong_area: number; wrong_state: number }[];
      expect(facts).toMatchObject({ wrong_last_seq: 0, wrong_area: 0, wrong_state: 0 });
      expect(facts.open).toBeGreaterThan(0);
      // Every event's case exists and its kinds are the demo's.
      const [events] = (await db.query(`SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds FROM case_events WHERE case_id IN (SELECT id FROM cases WHERE code LIKE 'SC%')`)).rows as { n: number; kinds: number }[];
      expect(events.n).toBeGreaterThan(5 * 100_000);
      expect(events.kinds).toBeGreaterThan(8);
    } finally {
      await db.end();
    }
  });

  it('answers every desk line as the plain query does: pages by offset and by cursor, totals', async () => {
    const result = await checkDesk(server);
    expect(result.lines).toBeGreaterThan(25);
    expect(result.mismatches).toEqual([]);
  });
});
