/**
 * Micro-benchmark of point → grid lookup (DESIGN §9): builds an AreaIndex over a 10,000-cell tiling
 * of the Hengkou box, runs 100,000 lookups at pseudo-random points in it, prints one JSON line.
 *
 *   npx ts-node --transpile-only -P libs/geo/bench/tsconfig.json libs/geo/bench/locate.bench.ts
 *
 * Typecheck: npx tsc -p libs/geo/bench/tsconfig.json
 *
 * Runs as CommonJS; the ESM-only flatbush loads through Node's require(esm) (Node ≥ 20.19).
 * Optional arguments: grids per side (default 100) and lookups (default 100000).
 */
import { AreaIndex } from '../src';
import { hash01, jitteredTiling } from '../src/lib/testing/jittered-tiling';

const side = Number(process.argv[2] ?? 100);
const lookups = Number(process.argv[3] ?? 100_000);
const [west, south, east, north] = [108.696, 32.642, 108.904, 32.818];

const entries = jitteredTiling(side, side, [west, south, east, north]);
const points = Array.from({ length: lookups }, (_, i) => ({
  lng: west + hash01(i, 1) * (east - west),
  lat: south + hash01(i, 2) * (north - south),
}));

const buildStart = process.hrtime.bigint();
const index = AreaIndex.build(entries);
const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;

// Warm up the JIT on other points so the timed loop measures steady state.
for (let i = 0; i < 10_000; i++) index.locate({ lng: west + hash01(i, 3) * (east - west), lat: south + hash01(i, 4) * (north - south) });

let found = 0;
const lookupStart = process.hrtime.bigint();
for (const point of points) if (index.locate(point) !== null) found++;
const totalMs = Number(process.hrtime.bigint() - lookupStart) / 1e6;

if (found !== lookups) throw new Error(`only ${found} of ${lookups} points were located`);
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    grids: index.size,
    lookups,
    buildMs: round(buildMs),
    totalMs: round(totalMs),
    perLookupMicros: round((totalMs * 1000) / lookups),
  }),
);
