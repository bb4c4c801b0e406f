/**
 * The embedded PostgreSQL as an operator meets it (issue 21): started by root from a private folder (a
 * checkout in root's home, a `mktemp -d`), and left running by a server that crashed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@grid/embedded-postgres';
import { API_MAIN, JWT_SECRET, sleep, waitFor } from './support/cluster';

interface Server {
  child: ChildProcess;
  output: () => string;
}

/** `npm start`'s server on `dataDir`, resolved once it says it is ready. */
async function startServer(dataDir: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', LOAD_DEMO: 'never', JWT_SECRET, LOG_LEVEL: 'warn', WEB_DIST: '/nonexistent' };
  delete env['DATABASE_URL']; // the embedded one
  const child = spawn(process.execPath, [API_MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await waitFor('the server is ready', () => {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    return /\[grid\] ready/.test(output);
  }, 90_000);
  return { child, output: () => output };
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const postmasterPid = (clusterDir: string) => Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

const clusterDirOf = (output: string) => {
  const found = /database: embedded PostgreSQL, data in (\S+)/.exec(output);
  if (!found) throw new Error(`the server did not say where its database lives:\n${output}`);
  return found[1];
};

describe('the embedded PostgreSQL, as root from a private folder and after a crash', () => {
  const runAsRoot = process.getuid?.() === 0 ? it : it.skip;
  // A mktemp -d folder: mode 700, as a checkout in root's home is; the postgres user cannot enter it.
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-private-'));
  const dataDir = path.join(parent, 'data');
  const started: ChildProcess[] = [];
  let clusterDir: string | null = null;

  afterAll(async () => {
    for (const child of started) child.kill('SIGKILL');
    await Promise.all(started.map(exited));
    if (clusterDir && fs.existsSync(path.join(clusterDir, 'postmaster.pid'))) {
      const pid = postmasterPid(clusterDir);
      if (alive(pid)) process.kill(pid, 'SIGQUIT');
      await waitFor('the test cluster stopped', () => !alive(pid), 30_000).catch(() => undefined);
    }
    if (clusterDir) fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.rmSync(parent, { recursive: true, force: true });
  });

  runAsRoot('keeps the cluster in a persistent place outside /var/tmp, says where at start, and takes over a cluster its crashed predecessor left running', async () => {
    expect(fs.statSync(parent).mode & 0o777).toBe(0o700);
    const first = await startServer(dataDir);
    started.push(first.child);
    clusterDir = clusterDirOf(first.output());
    expect(clusterDir).toMatch(/^\/var\/lib\/grid-governance\//);
    expect(clusterDir.startsWith('/var/tmp')).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, 'pg-location'), 'utf8').trim()).toBe(clusterDir);

    // The server crashes; its PostgreSQL lives on, an orphan.
    const postmaster = postmasterPid(clusterDir);
    first.child.kill('SIGKILL');
    await exited(first.child);
    await sleep(200);
    expect(alive(postmaster)).toBe(true);

    const second = await startServer(dataDir);
    started.push(second.child);
    expect(clusterDirOf(second.output())).toBe(clusterDir);
    expect(second.output()).toMatch(/taking over the embedded PostgreSQL/);

    // A CLI run while the server lives shares the cluster and leaves it running.
    const cli = await startEmbeddedPostgres({ dataDir });
    await cli.stop();
    expect(alive(postmaster)).toBe(true);

    // Ctrl-C stops the server and, now that it owns it, the database.
    second.child.kill('SIGINT');
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);
    await waitFor('the adopted PostgreSQL stopped with the server', () => !alive(postmaster), 30_000);
  });
});
