/**
 * Explains an intake run's tail from the traces it left in BENCH_TRACE_DIR (see docs/benchmarks.md, "Profiling the
 * intake"): requests.json from the benchmark's clients, and, when their probes were preloaded into the API,
 * statements.json (probes/pg-statements.js) and gc.json (probes/gc-pauses.js).
 *
 *   npx ts-node --transpile-only -P apps/bench/tsconfig.json apps/bench/src/trace-report.ts <dir>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { percentile } from './stats';

type Request = [start: number, latency: number];
type Statement = [start: number, duration: number, name: string, group: number];
type Pause = [start: number, duration: number, kind: string];

const dir = process.argv[2] ?? process.env['BENCH_TRACE_DIR'];
if (!dir) throw new Error('usage: trace-report.ts <the BENCH_TRACE_DIR of an intake run>');
const read = <T>(file: string): T[] => (fs.existsSync(path.join(dir, file)) ? (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T[]) : []);
const requests = read<Request>('requests.json');
if (!requests.length) throw new Error(`${dir}/requests.json is missing or empty`);
const from = requests[0][0];
const to = Math.max(...requests.map(([start, latency]) => start + latency));
const inRun = <T extends [number, number, ...unknown[]]>(rows: T[]) => rows.filter(([start]) => start >= from && start <= to);
const statements = inRun(read<Statement>('statements.json'));
const pauses = inRun(read<Pause>('gc.json'));
const ms = (n: number) => n.toFixed(1);
const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[0] + b[1] && b[0] < a[0] + a[1];

const latencies = requests.map(([, latency]) => latency).sort((a, b) => a - b);
const p99 = percentile(latencies, 99);
console.log(`${requests.length} requests over ${ms((to - from) / 1000)} s: p50 ${ms(percentile(latencies, 50))} ms, p99 ${ms(p99)} ms`);

for (const name of [...new Set(statements.map(([, , n]) => n))].sort()) {
  const own = statements.filter(([, , n]) => n === name);
  const durations = own.map(([, d]) => d).sort((a, b) => a - b);
  const group = own.reduce((sum, [, , , g]) => sum + g, 0) / own.length;
  console.log(`statement ${name}: ${own.length}, group ${ms(group)}, p50 ${ms(percentile(durations, 50))} / p90 ${ms(percentile(durations, 90))} / p99 ${ms(percentile(durations, 99))} / max ${ms(durations[durations.length - 1])} ms, ${durations.filter((d) => d > 40).length} over 40 ms`);
}

for (const kind of [...new Set(pauses.map(([, , k]) => k))].sort()) {
  const own = pauses.filter(([, , k]) => k === kind).map(([, d]) => d);
  const total = own.reduce((a, b) => a + b, 0);
  console.log(`GC ${kind}: ${own.length} pauses, ${ms(total)} ms (${ms((100 * total) / (to - from))} % of the run), longest ${ms(Math.max(...own))} ms`);
}

// The slowest 1 %: alone, or in bursts that finished together (one slow statement and the queue behind it)?
const slow = requests.filter(([, latency]) => latency >= p99);
const bursts = new Map<number, Request[]>();
for (const r of slow) {
  const quarter = Math.floor((r[0] - from) / 250);
  bursts.set(quarter, [...(bursts.get(quarter) ?? []), r]);
}
const inBursts = [...bursts.values()].filter((b) => b.length >= 5);
console.log(`slowest 1 %: ${slow.length} requests, ${inBursts.reduce((n, b) => n + b.length, 0)} of them in ${inBursts.length} bursts of 5 or more starting in the same quarter second`);
const majors = pauses.filter(([, , k]) => k === 'major');
if (pauses.length) console.log(`  ${slow.filter((r) => majors.some((p) => overlaps(r, [p[0], p[1]]))).length} overlapped an old-generation GC pause`);
for (const burst of inBursts) {
  const start = Math.min(...burst.map(([s]) => s));
  const end = Math.max(...burst.map(([s, l]) => s + l));
  const during = statements.filter((s) => overlaps([s[0], s[1]], [start, end - start]) && s[1] > 20).map(([s, d, n, g]) => `${n} ×${g} at +${Math.round(s - start)} took ${ms(d)}`);
  console.log(`  at ${ms((start - from) / 1000)} s: ${burst.length} requests, ${ms(Math.min(...burst.map(([, l]) => l)))}–${ms(Math.max(...burst.map(([, l]) => l)))} ms${during.length ? `; statements over 20 ms: ${during.join(', ')}` : ''}`);
}
