import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AreaFeatureCollection, LoginResponse, TerritoryApplyDto, TerritoryImportDto } from '@grid/contracts';
import { generateTerritory, territoryFeatureCollection } from '@grid/demo-data';
import { insertOpenCases } from './map.bench';
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

export interface RerouteBenchResult {
  grids: number;
  openCases: number;
  /** Open cases the swapped boundaries move to another grid, and those the apply re-routed. */
  moved: number;
  rerouted: number;
  /** POST …/apply with reroute: true: the version written and every moved case re-routed (target < 30 s for 100,000). */
  applySeconds: number;
}

async function signIn(server: BenchServer): Promise<Record<string, string>> {
  const login = (await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) })).json()) as LoginResponse;
  return { authorization: `Bearer ${login.accessToken}` };
}

async function check(server: BenchServer, auth: Record<string, string>, file: string): Promise<TerritoryImportDto> {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/geo+json' }), 'city.geojson');
  const response = await fetch(`${server.url}/api/admin/territory/imports`, { method: 'POST', headers: auth, body: form });
  if (response.status !== 201) throw new Error(`import: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as TerritoryImportDto;
}

async function apply(server: BenchServer, auth: Record<string, string>, id: string, reroute: boolean): Promise<TerritoryApplyDto> {
  const response = await fetch(`${server.url}/api/admin/territory/imports/${id}/apply`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ reroute }) });
  if (response.status !== 200) throw new Error(`apply: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as TerritoryApplyDto;
}

/**
 * A city-size territory (BENCH_TERRITORY_GRIDS, default 20,000 grids in the demo's 98 villages) built by the
 * demo generator, uploaded as a GeoJSON file to a server holding the demo, checked and applied as a new version.
 */
export async function territoryBench(server: BenchServer, grids: number): Promise<TerritoryBenchResult> {
  const auth = await signIn(server);
  const file = JSON.stringify(territoryFeatureCollection(generateTerritory({ gridCount: grids })));

  let started = performance.now();
  const checked = await check(server, auth, file);
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
  const applied = await apply(server, auth, checked.id, false);
  const applySeconds = (performance.now() - started) / 1000;
  return {
    ...result,
    applySeconds: Math.round(applySeconds * 10) / 10,
    version: applied.version,
    created: applied.created,
    updated: applied.updated,
  };
}

/**
 * Re-routing (BENCH_REROUTE_CASES open cases, default 100,000, spread over the server's current grids): the
 * current territory with the boundaries of sibling grids swapped in pairs, so that most open cases lie in
 * another grid, applied with `reroute: true`.
 */
export async function rerouteBench(server: BenchServer, openCases: number): Promise<RerouteBenchResult> {
  const auth = await signIn(server);
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const [grid] = (await db.query(`SELECT centroid_lat AS lat, centroid_lng AS lng FROM areas WHERE level = 'grid' AND retired_at IS NULL LIMIT 1`)).rows as { lat: number; lng: number }[];
    const reported = await fetch(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ categoryCode: 'city.litter', description: 'bench reroute', location: grid }),
    });
    if (reported.status !== 201) throw new Error(`report: HTTP ${reported.status} ${await reported.text()}`);
    await insertOpenCases(db, ((await reported.json()) as { id: string }).id, openCases);
  } finally {
    await db.end();
  }
  const current = (await (await fetch(`${server.url}/api/areas/geojson`, { headers: auth })).json()) as AreaFeatureCollection;
  const codeOf = new Map(current.features.map((f) => [f.properties.id, f.properties.code]));
  const features = current.features.map((f) => ({
    type: 'Feature' as const,
    geometry: f.geometry,
    properties: { code: f.properties.code, name: f.properties.name, level: f.properties.level, parentCode: f.properties.parentId ? (codeOf.get(f.properties.parentId) ?? null) : null },
  }));
  // Sibling grids swap boundaries in pairs (children stay inside their village).
  const grids = features.filter((f) => f.properties.level === 'grid');
  const byVillage = new Map<string | null, typeof grids>();
  for (const f of grids) byVillage.set(f.properties.parentCode, [...(byVillage.get(f.properties.parentCode) ?? []), f]);
  for (const siblings of byVillage.values()) {
    for (let i = 0; i + 1 < siblings.length; i += 2) [siblings[i].geometry, siblings[i + 1].geometry] = [siblings[i + 1].geometry, siblings[i].geometry];
  }
  const checked = await check(server, auth, JSON.stringify({ type: 'FeatureCollection', features }));
  if (checked.status !== 'valid') throw new Error(`the swapped territory is refused: ${checked.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
  const preview = (await (await fetch(`${server.url}/api/admin/territory/imports/${checked.id}/preview`, { headers: auth })).json()) as { affectedCaseCount: number };
  const started = performance.now();
  const applied = await apply(server, auth, checked.id, true);
  const applySeconds = Math.round(((performance.now() - started) / 1000) * 10) / 10;
  return { grids: grids.length, openCases, moved: preview.affectedCaseCount, rerouted: applied.rerouted, applySeconds };
}
