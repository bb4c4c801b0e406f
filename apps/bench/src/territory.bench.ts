import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { Client } from 'pg';
import type { AreaFeatureCollection, LoginResponse, TerritoryApplyDto, TerritoryImportDto } from '@grid/contracts';
import { generateTerritory, territoryFeatureCollection } from '@grid/demo-data';
import { insertOpenCases } from './map.bench';
import type { BenchServer } from './server';
import type { Verdict } from './targets';

/** Issue 17's targets: a 20,000-grid city checked and applied in < 60 s, 100,000 open cases re-routed in < 30 s. */
const IMPORT_TARGET = { grids: 20_000, seconds: 60 };
const REROUTE_TARGET = { cases: 100_000, seconds: 30 };

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
  /**
   * Open cases the swapped boundaries move to another grid, and those the apply re-routed: all of them but
   * the few whose location (a grid's centre, jittered by up to 200 m) lies outside the district, which stay.
   */
  moved: number;
  rerouted: number;
  /** The swapped territory applied without re-routing: writing the version alone. */
  versionSeconds: number;
  /**
   * The same file imported again and applied with reroute: true: the moved cases re-routed, beside a version
   * that changes no boundary (target < 30 s for 100,000).
   */
  applySeconds: number;
}

/** Check and apply together against the target; a refused file fails it. */
export function territoryVerdict(r: TerritoryBenchResult): Verdict {
  const total = r.applySeconds === null ? null : Math.round((r.checkSeconds + r.applySeconds) * 10) / 10;
  return {
    scenario: 'territory import',
    figure:
      total === null
        ? `${r.grids.toLocaleString('en')} grids refused by the check (${r.errors} errors) after ${r.checkSeconds} s`
        : `${r.grids.toLocaleString('en')} grids checked in ${r.checkSeconds} s and applied in ${r.applySeconds} s, ${total} s together`,
    target: `< ${IMPORT_TARGET.seconds} s for ${IMPORT_TARGET.grids.toLocaleString('en')} grids`,
    pass: total !== null && total < IMPORT_TARGET.seconds && r.grids >= IMPORT_TARGET.grids,
  };
}

/** The apply with re-routing against the target; the moved cases must have been re-routed (all but those outside the district). */
export function rerouteVerdict(r: RerouteBenchResult): Verdict {
  return {
    scenario: 're-routing',
    figure: `${r.rerouted.toLocaleString('en')} of ${r.openCases.toLocaleString('en')} open cases re-routed (${r.moved.toLocaleString('en')} moved) in ${r.applySeconds} s (the version alone: ${r.versionSeconds} s)`,
    target: `< ${REROUTE_TARGET.seconds} s for ${REROUTE_TARGET.cases.toLocaleString('en')} open cases`,
    pass: r.applySeconds < REROUTE_TARGET.seconds && r.openCases >= REROUTE_TARGET.cases && r.rerouted > 0.9 * r.moved,
  };
}

async function signIn(server: BenchServer): Promise<Record<string, string>> {
  const login = (await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo1234' }) })).json()) as LoginResponse;
  return { authorization: `Bearer ${login.accessToken}` };
}

async function check(server: BenchServer, auth: Record<string, string>, file: string): Promise<TerritoryImportDto> {
  const answer = await upload(`${server.url}/api/admin/territory/imports`, auth, { name: 'city.geojson', type: 'application/geo+json', content: file });
  if (answer.status !== 201) throw new Error(`import: HTTP ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as TerritoryImportDto;
}

/**
 * A multipart upload of one file on a connection of its own. fetch sent the city's 6.5 MB on a kept-alive
 * connection that the server had closed while the benchmark computed (EPIPE, nothing measured).
 */
function upload(url: string, headers: Record<string, string>, file: { name: string; type: string; content: string }): Promise<{ status: number; body: string }> {
  const boundary = `bench-${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(payload.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
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
  const file = JSON.stringify(territoryFeatureCollection(generateTerritory({ gridCount: grids })));
  const auth = await signIn(server);

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
  const file = JSON.stringify({ type: 'FeatureCollection', features });
  // Applied twice: first without re-routing (the cases keep their grids, now their sibling's place), then the same
  // file again with re-routing, so the second apply's time is the re-routing's, not that of writing 20,000 new boundaries.
  const timedApply = async (reroute: boolean) => {
    const checked = await check(server, auth, file);
    if (checked.status !== 'valid') throw new Error(`the swapped territory is refused: ${checked.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
    const preview = (await (await fetch(`${server.url}/api/admin/territory/imports/${checked.id}/preview`, { headers: auth })).json()) as { affectedCaseCount: number };
    const started = performance.now();
    const applied = await apply(server, auth, checked.id, reroute);
    return { moved: preview.affectedCaseCount, rerouted: applied.rerouted, seconds: Math.round(((performance.now() - started) / 1000) * 10) / 10 };
  };
  const version = await timedApply(false);
  const rerouted = await timedApply(true);
  return { grids: grids.length, openCases, moved: rerouted.moved, rerouted: rerouted.rerouted, versionSeconds: version.seconds, applySeconds: rerouted.seconds };
}
