/**
 * `npm run bench`: every benchmark the issues name, each beside the raw limit measured in the same run,
 * written to docs/benchmarks.md (between the generated markers) and printed as JSON.
 *
 *   npm run bench                 # all
 *   npm run bench -- geo intake   # some
 * BENCH_SECONDS shortens or lengthens the timed phases (default 30).
 */
import './register-paths';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { intakeBench, type IntakeResult } from './intake.bench';
import { pushBench, type PushResult } from './push.bench';
import { startServer } from './server';

const ROOT = path.resolve(__dirname, '../../..');
const DOC = path.join(ROOT, 'docs/benchmarks.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

interface GeoResult {
  grids: number;
  lookups: number;
  buildMs: number;
  totalMs: number;
  perLookupMicros: number;
}

function geoBench(): GeoResult {
  const out = execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '-P', 'libs/geo/bench/tsconfig.json', 'libs/geo/bench/locate.bench.ts'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as GeoResult;
}

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const runs = (name: string) => wanted.size === 0 || wanted.has(name);
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 30);
  const sections: string[] = [];
  const results: Record<string, unknown> = {};

  if (runs('geo')) {
    const geo = geoBench();
    results['geo'] = geo;
    sections.push(
      `### Point → grid lookup (libs/geo)\n\n` +
        `${geo.lookups.toLocaleString('en')} lookups among ${geo.grids.toLocaleString('en')} grids: **${geo.perLookupMicros.toFixed(2)} µs per lookup** ` +
        `(index built in ${geo.buildMs.toFixed(0)} ms, all lookups in ${geo.totalMs.toFixed(0)} ms).`,
    );
  }

  if (runs('intake')) {
    const server = await startServer();
    try {
      const intake: IntakeResult = await intakeBench(server, { seconds });
      results['intake'] = intake;
      const l = intake.intake.latencyMs;
      sections.push(
        `### Case intake (POST /api/cases)\n\n` +
          `${intake.clients} concurrent clients for ${intake.seconds} s against one API process on the embedded PostgreSQL.\n\n` +
          `| | per second | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n` +
          `| intake through the API (${intake.intake.created} cases, ${intake.intake.failed} failed) | **${intake.intake.perSecond}** | ${l.p50} | ${l.p90} | **${l.p99}** | ${l.max} |\n` +
          `| raw INSERT of the same rows (1 case + 3 events + the idempotency claim per transaction), same server | ${intake.raw.perSecond} | | | | |\n` +
          `| floor: the same clients on \`GET /api/auth/me\` (token check, no database) | ${intake.floor.perSecond} | ${intake.floor.latencyMs.p50} | ${intake.floor.latencyMs.p90} | ${intake.floor.latencyMs.p99} | ${intake.floor.latencyMs.max} |\n\n` +
          `Intake reaches **${(intake.ratio * 100).toFixed(0)}%** of the raw figure (target ≥ 40%, p99 < 50 ms).`,
      );
    } finally {
      await server.stop();
    }
  }

  if (runs('push')) {
    const rows: string[] = [];
    // 200/s is the rate; 100/s shows the push itself when intake is not the bottleneck.
    for (const [workers, rate] of [[1_000, 100], [1_000, 200], [10_000, 100]] as const) {
      const server = await startServer({ DEMO_GRIDS: String(workers), DEMO_HISTORY_DAYS: '0' });
      try {
        const push: PushResult = await pushBench(server, { workers, rate, seconds });
        results[`push${workers}at${rate}`] = push;
        const p = push.push.latencyMs;
        const b = push.bare.latencyMs;
        rows.push(
          `| ${workers.toLocaleString('en')} connected (${push.connected.toLocaleString('en')} held), ${rate} reports/s | report → \`case.assigned\` at the worker's socket | ${push.push.received}/${push.push.sent} | ${p.p50} | **${p.p99}** | ${p.max} |`,
          `| | bare socket.io emit loop, same rate | ${push.bare.received}/${push.bare.sent} | ${b.p50} | ${b.p99} | ${b.max} |`,
          `| | ratio to the bare loop (p50 / p99) | | ×${push.ratio.p50} | ×${push.ratio.p99} | |`,
        );
      } finally {
        await server.stop();
      }
    }
    sections.push(
      `### Report → push to the grid worker (live channel)\n\n` +
        `Reports posted at a steady rate for ${seconds} s to random grids of the connected workers; latency from the POST leaving the client to the push arriving at the worker's socket (target p99 < 100 ms with 1,000 workers).\n\n` +
        `| workers, rate | path | received/sent | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n${rows.join('\n')}`,
    );
  }

  const header = `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
  writeDoc([header, ...sections].join('\n\n'));
  console.log(JSON.stringify(results, null, 2));
}

function writeDoc(body: string): void {
  const existing = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const [before, rest] = existing.split(START);
  const after = rest?.split(END)[1] ?? '';
  fs.writeFileSync(DOC, `${before}${START}\n${body}\n${END}${after}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
