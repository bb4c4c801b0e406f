/**
 * `npm run bench -- scale`: a city's year (issue 25) built by SQL on the demo of a 20,000-grid territory, measured on
 * the way up. Sizes and knobs:
 *   BENCH_SCALE_CASES    the final number of generated cases (default 10,000,000)
 *   BENCH_SCALE_STEPS    the sizes measured on the way, comma-separated (default 1000000,3000000)
 *   BENCH_SCALE_GRIDS    the territory's grids (default 20,000)
 *   BENCH_SCALE_CALLS    timed calls per line (default 30)
 *   BENCH_SCALE_DATABASE an existing database to grow further (its generated cases are kept)
 *   BENCH_SCALE_KEEP=1   keep the database at the end (its URL is printed); otherwise it is dropped
 * With DATABASE_URL the database is made on that server (it needs a superuser: the load runs with triggers off);
 * without it, on an embedded PostgreSQL in a temporary folder.
 */
import { CASE_LIST_COUNT_LIMIT } from '@grid/contracts';
import * as os from 'node:os';
import { Client } from 'pg';
import { dropTemplates, growTo, prepareTemplates, type ScaleGrowth } from './scale-data';
import { measureDesk, type DeskFigures } from './scale.bench';
import { startServer } from './server';
import type { LatencySummary } from './stats';
import type { Verdict } from './targets';

export interface ScaleStep {
  growth: ScaleGrowth;
  /** Table sizes after the step (MB): the cases with their indexes, the events with theirs. */
  sizes: { casesMb: number; eventsMb: number; databaseMb: number };
  desk: DeskFigures;
  load: number;
}

export interface ScaleResult {
  grids: number;
  templates: number;
  startSeconds: number;
  steps: ScaleStep[];
}

const TARGETS = { listMs: 100, textMs: 200, caseMs: 20 };

export async function scaleBench(): Promise<ScaleResult> {
  const target = Number(process.env['BENCH_SCALE_CASES'] ?? 10_000_000);
  const sizes = [...(process.env['BENCH_SCALE_STEPS'] ?? '1000000,3000000').split(',').map(Number).filter((n) => n > 0 && n < target), target];
  const calls = Number(process.env['BENCH_SCALE_CALLS'] ?? 30);
  const kept = process.env['BENCH_SCALE_DATABASE'];
  const keep = process.env['BENCH_SCALE_KEEP'] === '1';
  const server = await startServer({ DEMO_GRIDS: process.env['BENCH_SCALE_GRIDS'] ?? '20000', DEMO_HISTORY_DAYS: '90' }, { databaseUrl: kept, keepDatabase: keep });
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const templates = await prepareTemplates(db);
    console.log(`scale: ${templates.grids} grids, ${templates.templates} templates (${templates.open} open), the API up in ${server.startSeconds} s`);
    const steps: ScaleStep[] = [];
    for (const size of sizes) {
      const growth = await growTo(db, size, (line) => console.log(line));
      console.log(`scale: ${growth.cases.toLocaleString('en')} cases (${growth.added.toLocaleString('en')} added, ${growth.events.toLocaleString('en')} events) in ${growth.seconds} s`);
      const [tables] = (
        await db.query(`SELECT pg_total_relation_size('cases') / 1048576 AS cases_mb, pg_total_relation_size('case_events') / 1048576 AS events_mb, pg_database_size(current_database()) / 1048576 AS database_mb`)
      ).rows as { cases_mb: string; events_mb: string; database_mb: string }[];
      const load = os.loadavg()[0];
      const desk = await measureDesk(server, calls);
      steps.push({ growth, sizes: { casesMb: Number(tables.cases_mb), eventsMb: Number(tables.events_mb), databaseMb: Number(tables.database_mb) }, desk, load: Math.round(load * 10) / 10 });
      console.log(JSON.stringify(steps[steps.length - 1]));
    }
    await dropTemplates(db);
    return { grids: templates.grids, templates: templates.templates, startSeconds: server.startSeconds, steps };
  } finally {
    await db.end();
    // The server drops the database it made, unless kept; a database it was given stays.
    await server.stop();
    if (keep || kept) console.log(`scale: the database is kept at ${server.databaseUrl}`);
  }
}

const isText = (line: string) => line.startsWith('q=');
const ms = (l: LatencySummary) => `${l.p50} / **${l.p99}**`;

/** The section of docs/benchmarks.md: each size's table, then the growth of every line's p99. */
export function scaleSection(r: ScaleResult, judge: (v: Verdict) => Verdict): string {
  const last = r.steps[r.steps.length - 1];
  const size = (s: ScaleStep) => `${(s.growth.cases / 1e6).toLocaleString('en')}M`;
  const tables = r.steps.map((s) => {
    const rows = s.desk.lines.map((l) => `| ${l.caller} | ${l.line} | ${l.total} | ${ms(l.api)} | ${l.api.max} | ${l.raw.p50} / ${l.raw.p99} |`);
    rows.push(`| operator | one case with its timeline (GET /api/cases/:id) | 1 | ${ms(s.desk.detail.api)} | ${s.desk.detail.api.max} | ${s.desk.detail.raw.p50} / ${s.desk.detail.raw.p99} |`);
    rows.push(`| anyone | public tracking page (GET /api/public/cases/:token) | 1 | ${ms(s.desk.tracking.api)} | ${s.desk.tracking.api.max} | ${s.desk.tracking.raw.p50} / ${s.desk.tracking.raw.p99} |`);
    return (
      `#### ${s.growth.cases.toLocaleString('en')} generated cases\n\n` +
      `Grown by ${s.growth.added.toLocaleString('en')} cases and ${s.growth.events.toLocaleString('en')} events in **${s.growth.seconds} s** (of it: the secondary indexes built again ${s.growth.indexSeconds} s, VACUUM ANALYZE ${s.growth.vacuumSeconds} s); ` +
      `cases ${s.sizes.casesMb.toLocaleString('en')} MB with their indexes, events ${s.sizes.eventsMb.toLocaleString('en')} MB, the database ${s.sizes.databaseMb.toLocaleString('en')} MB. Load average before the calls ${s.load} (2 cores, shared).\n\n` +
      `| caller | line | matches | API p50 / p99 ms | max ms | raw: the same rows by primary key, p50 / p99 ms |\n|---|---|---|---|---|---|\n${rows.join('\n')}`
    );
  });
  const lineNames = last.desk.lines.map((l) => `${l.caller}|${l.line}`);
  const growth =
    `| caller | line | ${r.steps.map(size).join(' | ')} |\n|---|---|${r.steps.map(() => '---|').join('')}\n` +
    lineNames
      .map((key) => {
        const [caller, line] = key.split('|');
        return `| ${caller} | ${line} | ${r.steps.map((s) => s.desk.lines.find((l) => `${l.caller}|${l.line}` === key)?.api.p99 ?? '').join(' | ')} |`;
      })
      .join('\n') +
    `\n| operator | one case with its timeline | ${r.steps.map((s) => s.desk.detail.api.p99).join(' | ')} |\n| anyone | public tracking page | ${r.steps.map((s) => s.desk.tracking.api.p99).join(' | ')} |`;
  const worst = (pick: (l: DeskFigures['lines'][number]) => boolean) => Math.max(...last.desk.lines.filter(pick).map((l) => l.api.p99));
  const lists = judge({ scenario: 'desk lists', figure: `worst list p99 ${worst((l) => !isText(l.line))} ms at ${size(last)} cases`, target: `< ${TARGETS.listMs} ms`, pass: worst((l) => !isText(l.line)) < TARGETS.listMs });
  const text = judge({ scenario: 'desk text queries', figure: `worst text-query p99 ${worst((l) => isText(l.line))} ms at ${size(last)} cases`, target: `< ${TARGETS.textMs} ms`, pass: worst((l) => isText(l.line)) < TARGETS.textMs });
  const one = Math.max(last.desk.detail.api.p99, last.desk.tracking.api.p99);
  const single = judge({ scenario: 'one case and tracking page', figure: `p99 ${one} ms at ${size(last)} cases`, target: `< ${TARGETS.caseMs} ms`, pass: one < TARGETS.caseMs });
  return (
    `### The desk at a city's size (GET /api/cases over generated history)\n\n` +
    `The demo on ${r.grids.toLocaleString('en')} grids (the territory generator) with 90 days of simulated history, whose ${r.templates.toLocaleString('en')} cases are cloned by SQL ` +
    `(apps/bench/src/scale-data.ts: their states and timelines moved to other grids and back by whole quarters, 1 in 100 still open) up to each size; the API came up in ${r.startSeconds} s. ` +
    `Each line is ${last.desk.lines[0]?.api.count ?? 0} sequential calls after one untimed call, one client; "raw" reads the same rows by primary key on the same server in the same run. ` +
    `Matches past ${CASE_LIST_COUNT_LIMIT.toLocaleString('en')} are not counted (ADR 0022).\n\n` +
    `${tables.join('\n\n')}\n\n#### Growth: p99 ms by size\n\n${growth}\n\n` +
    [lists, text, single].map((v) => `**${v.pass ? 'Pass' : 'Fail'}**: ${v.scenario}, ${v.figure} (target ${v.target}).`).join(' ')
  );
}
