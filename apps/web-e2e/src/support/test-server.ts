import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');
export const API_MAIN = path.join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
/** The web build; each test server serves a copy of its own (`TestServer.webDist`), see startTestServer. */
export const WEB_DIST = path.join(WORKSPACE_ROOT, 'dist/apps/web');
const LOG_DIR = path.join(WORKSPACE_ROOT, 'apps/web-e2e/test-output');

export interface TestServer {
  baseUrl: string;
  child: ChildProcess;
  dataDir: string;
  /**
   * The copy of the web build this server serves: a test may change it (a deploy, app-update) without touching
   * the build that another shard's server serves at the same time.
   */
  webDist: string;
  logFile: string;
  /** Set when the server runs on a fresh database of DATABASE_URL's server (dropped afterwards). */
  externalDatabase: { serverUrl: string; name: string } | null;
}

/**
 * Starts the built API (which serves the built web app) on a free port with a fresh database: a new
 * embedded PostgreSQL in a temporary DATA_DIR, or a new database on DATABASE_URL's server when that is set.
 */
export async function startTestServer(): Promise<TestServer> {
  for (const file of [API_MAIN, path.join(WEB_DIST, 'index.html')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first with  npx nx run-many -t build -p api web`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-web-e2e-'));
  fs.chmodSync(dataDir, 0o755); // as root, the embedded server runs as the postgres user and must reach it
  const webDist = path.join(dataDir, 'web');
  fs.cpSync(WEB_DIST, webDist, { recursive: true });
  const serverUrl = process.env['DATABASE_URL'];
  const externalDatabase = serverUrl ? { serverUrl, name: `e2e_${randomBytes(5).toString('hex')}` } : null;
  if (externalDatabase) await createDatabase(externalDatabase.serverUrl, externalDatabase.name);

  const port = await freePort();
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `server-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    LOG_LEVEL: 'warn',
    // Every test signs in through the form from one address; the limit itself is the API's to test.
    LOGIN_RATE_LIMIT: '10000',
    REPORT_RATE_LIMIT: '10000',
  };
  delete env['TILE_URL']; // the map must stand on its own boundaries
  if (externalDatabase) env['DATABASE_URL'] = databaseUrl(externalDatabase.serverUrl, externalDatabase.name);
  else delete env['DATABASE_URL'];

  const child = spawn(process.execPath, [API_MAIN], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const server: TestServer = { baseUrl: `http://127.0.0.1:${port}`, child, dataDir, webDist, logFile, externalDatabase };
  try {
    await waitForHealth(server, 180_000);
  } catch (error) {
    await stopTestServer(server);
    throw error;
  }
  return server;
}

export async function stopTestServer(server: TestServer): Promise<void> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  if (server.externalDatabase) await dropDatabase(server.externalDatabase.serverUrl, server.externalDatabase.name);
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

async function waitForHealth(server: TestServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the API exited with code ${server.child.exitCode} before it was ready:\n${tail(server.logFile)}`);
    try {
      const response = await fetch(`${server.baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not answer /api/health within ${timeoutMs / 1000} s:\n${tail(server.logFile)}`);
}

function tail(file: string, lines = 30): string {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient(serverUrl: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

// Names are generated above ([a-z0-9_] only), so quoting them as identifiers is safe.
const createDatabase = (serverUrl: string, name: string) => withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
const dropDatabase = (serverUrl: string, name: string) => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
