/**
 * The real parts the fault tests break: a private embedded PostgreSQL, a private redis-server and the
 * built API (`dist/apps/api/main.js`, what `npm start` runs) as child processes. Every child is
 * registered so that `stopAll` (afterAll) and, as a last resort, the test process's exit kill it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type EmbeddedPostgres, ensureDatabase, freePort, startEmbeddedPostgres } from '@grid/embedded-postgres';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');
export const API_MAIN = path.join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
export const API_CLI = path.join(WORKSPACE_ROOT, 'dist/apps/api/cli.js');
const LOG_DIR = path.join(WORKSPACE_ROOT, 'apps/reliability/test-output');
/** Every instance of a test signs tokens with the same secret, as a real deployment must. */
export const JWT_SECRET = 'reliability-secret-that-is-long-enough-0123456789';

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** Kills every child still running and stops the databases; safe to call twice and after a failure. */
export async function stopAll(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...children].map(exited));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: Error) => console.warn(`cleanup: ${error.message}`));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it answers true; throws after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

/** A fresh temporary folder the embedded server's unprivileged user can reach, removed by stopAll. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grid-${prefix}-`));
  fs.chmodSync(dir, 0o755);
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A private PostgreSQL that can be stopped and started again on the same port and data. */
export class Postgres {
  private server: EmbeddedPostgres | null = null;

  private constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<Postgres> {
    const pg = new Postgres(tempDir('reliability-pg'), await freePort());
    await pg.start();
    cleanups.push(() => pg.stop());
    return pg;
  }

  /** The superuser URL of the server (database `postgres`). */
  get serverUrl(): string {
    if (!this.server) throw new Error('PostgreSQL is not running');
    return this.server.url;
  }

  /** A new, empty database on this server. */
  database(name: string): Promise<string> {
    return ensureDatabase(this.serverUrl, name);
  }

  async start(): Promise<void> {
    this.server ??= await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port });
  }

  /** pg_ctl stop -m fast: every connection is cut, as when the database server restarts. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.stop();
  }
}

/** A private redis-server on a free port, without persistence; kill -9 and start again on the same port. */
export class Redis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<Redis> {
    const redis = new Redis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const binary = process.env['REDIS_SERVER'] ?? '/usr/bin/redis-server';
    if (!fs.existsSync(binary)) throw new Error(`${binary} not found: install redis-server (apt-get install -y redis-server) or set REDIS_SERVER`);
    this.child = track(spawn(binary, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
    await waitFor('redis-server answers PING', () => this.ping(), 10_000);
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    child?.kill('SIGKILL');
    if (child) await exited(child);
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.setTimeout(500, () => socket.destroy());
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('close', () => resolve(false));
      socket.once('error', () => resolve(false));
    });
  }
}

/** One API instance: the built server as its own process, on its own port, logging to test-output/. */
export class ApiProcess {
  private child: ChildProcess | null = null;
  readonly logFile: string;

  private constructor(
    readonly name: string,
    readonly port: number,
    private env: Record<string, string>,
  ) {
    fs.mkdirSync(LOG_DIR, { recursive: true });
    this.logFile = path.join(LOG_DIR, `${name}-${port}.log`);
  }

  /** Starts an instance on `databaseUrl` and waits for /api/health (the first one loads the demo). */
  static async start(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
    if (!fs.existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build first with  npx nx run api:build`);
    const api = new ApiProcess(name, await freePort(), { DATABASE_URL: databaseUrl, ...env });
    await api.start();
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const log = fs.openSync(this.logFile, 'a');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      DATA_DIR: tempDir(`reliability-${this.name}`),
      WEB_DIST: '/nonexistent',
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      DEMO_HISTORY_DAYS: '2',
      LOGIN_RATE_LIMIT: '100000',
      REPORT_RATE_LIMIT: '1000000',
      SLA_SWEEP_SECONDS: '0',
      ...this.env,
    };
    if (!env['REDIS_URL']) delete env['REDIS_URL'];
    this.child = track(spawn(process.execPath, [API_MAIN], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', log, log] }));
    fs.closeSync(log);
    const child = this.child;
    await waitFor(
      `${this.name} answers /api/health (log: ${this.logFile})`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.tail()}`);
        return fetch(`${this.url}/api/health`).then((r) => r.status === 200, () => false);
      },
      120_000,
    );
  }

  /** Stops the instance (if running) and starts it again on the same port, with `env` added. */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.stop();
    this.env = { ...this.env, ...env };
    await this.start();
  }

  /** Sends `signal` and waits for the process to end; answers how it ended. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child) return { code: null, signal: null };
    if (this.running) child.kill(signal);
    await exited(child);
    this.child = null;
    return { code: child.exitCode, signal: child.signalCode };
  }

  tail(lines = 40): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }
}

/** Runs the built admin CLI with the given environment; answers its exit code and output. */
export function runCli(args: string[], env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [API_CLI, ...args], { cwd: WORKSPACE_ROOT, env: { ...process.env, JWT_SECRET, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}
