import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type EmbeddedPostgres, ensureDatabase, startEmbeddedPostgres } from '@grid/embedded-postgres';
import { Client } from 'pg';

export interface BenchServer {
  url: string;
  databaseUrl: string;
  /** The API process, and the folder holding the embedded PostgreSQL's data (for CPU accounting). */
  pid: number;
  dataDir: string;
  /** The embedded PostgreSQL's cluster folder (null on DATABASE_URL's server). */
  clusterDir: string | null;
  /** From spawning the API to its health check answering (migrations, demo, in-memory indexes loaded). */
  startSeconds: number;
  stop(): Promise<void>;
}

/** The built API; BENCH_API_MAIN points at another build, to compare two versions on the same machine in turn. */
const MAIN = process.env['BENCH_API_MAIN'] ?? path.resolve(__dirname, '../../../dist/apps/api/main.js');

/** The server's signing secret in benchmarks, so a benchmark can mint tokens for thousands of accounts. */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789';

/**
 * The built server (`npm start` runs the same file) on a fresh embedded PostgreSQL, so the benchmark
 * and its raw baseline share one database server; or on DATABASE_URL's server when set.
 */
/** Extra node flags for the API process, e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under load. */
function apiNodeArgs(): string[] {
  return (process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
}

export async function startServer(env: Record<string, string> = {}, options: { databaseUrl?: string; keepDatabase?: boolean } = {}): Promise<BenchServer> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run bench does)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-bench-'));
  fs.chmodSync(dataDir, 0o755);
  let embedded: EmbeddedPostgres | null = null;
  // options.databaseUrl: an existing database, reused as it is (the scale benchmark's, kept between runs).
  const databaseUrl = options.databaseUrl ?? (await ensureDatabase(process.env['DATABASE_URL'] ?? (embedded = await startEmbeddedPostgres({ dataDir })).url, `bench_${Date.now()}`));
  const port = 3900 + Math.floor(Math.random() * 90);
  const child: ChildProcess = spawn(process.execPath, [...apiNodeArgs(), MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '100000', REPORT_RATE_LIMIT: '1000000', JWT_SECRET: BENCH_JWT_SECRET, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (let i = 0; ; i++) {
    // A large demo territory takes a while to generate and load on first start.
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 6000) throw new Error('the server did not become healthy in 10 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    databaseUrl,
    pid: child.pid as number,
    dataDir,
    clusterDir: embedded?.clusterDir ?? null,
    startSeconds: Math.round((performance.now() - started) / 100) / 10,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await embedded?.stop();
      // A database made here on DATABASE_URL's server goes with the server (the embedded one goes with its folder).
      if (!embedded && !options.databaseUrl && !options.keepDatabase) await dropDatabase(process.env['DATABASE_URL'] as string, databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drops a database of the server at `serverUrl`, sessions and all. */
export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function login(url: string, username: string, password = 'demo1234'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
