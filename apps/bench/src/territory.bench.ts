import type { LoginResponse, TerritoryApplyDto, TerritoryImportDto } from '@grid/contracts';
import { generateTerritory, territoryFeatureCollection } from '@grid/demo-data';
import type { BenchServer } from './server';

export interface TerritoryBenchResult {
  grids: number;
  fileMegabytes: number;
  /** Upload, read, map and validate (POST /api/admin/territory/imports). */
  checkSeconds: number;
  status: 'valid' | 'invalid';
  errors: number;
  warnings: number;
  firstProblems: string[];
  /** The new version written in one transaction (POST …/apply); null when the file was refused. */
  applySeconds: number | null;
  version: number | null;
  created: number;
  updated: number;
}

/**
 * A city-size territory (BENCH_TERRITORY_GRIDS, default 20,000 grids in the demo's 98 villages) built by the
 * demo generator, uploaded as a GeoJSON file to a server holding the demo, checked and applied as a new version.
 */
export async function territoryBench(server: BenchServer, grids: number): Promise<TerritoryBenchResult> {
  const login = (await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) })).json()) as LoginResponse;
  const auth = { authorization: `Bearer ${login.accessToken}` };
  const file = JSON.stringify(territoryFeatureCollection(generateTerritory({ gridCount: grids })));
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/geo+json' }), 'city.geojson');

  let started = performance.now();
  const checkResponse = await fetch(`${server.url}/api/admin/territory/imports`, { method: 'POST', headers: auth, body: form });
  if (checkResponse.status !== 201) throw new Error(`import: HTTP ${checkResponse.status} ${await checkResponse.text()}`);
  const checked = (await checkResponse.json()) as TerritoryImportDto;
  const checkSeconds = (performance.now() - started) / 1000;
  const result = {
    grids,
    fileMegabytes: Math.round((file.length / 1024 / 1024) * 10) / 10,
    checkSeconds: Math.round(checkSeconds * 10) / 10,
    status: checked.status,
    errors: checked.summary.errors,
    warnings: checked.summary.warnings,
    firstProblems: checked.problems.slice(0, 3).map((p) => p.message),
  };
  // An invalid file cannot be applied: the check is still measured, and its problems said.
  if (checked.status !== 'valid') return { ...result, applySeconds: null, version: null, created: 0, updated: 0 };

  started = performance.now();
  const applyResponse = await fetch(`${server.url}/api/admin/territory/imports/${checked.id}/apply`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  if (applyResponse.status !== 200) throw new Error(`apply: HTTP ${applyResponse.status} ${await applyResponse.text()}`);
  const applied = (await applyResponse.json()) as TerritoryApplyDto;
  const applySeconds = (performance.now() - started) / 1000;
  return {
    ...result,
    applySeconds: Math.round(applySeconds * 10) / 10,
    version: applied.version,
    created: applied.created,
    updated: applied.updated,
  };
}
