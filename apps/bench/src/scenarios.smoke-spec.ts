/**
 * The scenarios of `npm run bench -- territory onduty`, small: the same code on the built API, so `npm test`
 * shows they still run and measure what they say. Times are not checked here (run.ts judges them at full size).
 */
import { onDutyVerdict, rotaPickBench } from './rota.bench';
import { type BenchServer, startServer } from './server';
import { verdictLine } from './targets';
import { rerouteBench, rerouteVerdict, territoryBench, territoryVerdict } from './territory.bench';

describe('the benchmark scenarios, small', () => {
  let server: BenchServer;
  // The server loads the demo first: seconds on a quiet machine, over four minutes on a busy one.
  beforeAll(async () => {
    server = await startServer({ DEMO_HISTORY_DAYS: '0' });
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
});
