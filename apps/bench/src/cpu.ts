/**
 * CPU time spent by the processes of a benchmark, read from /proc: the API process, the PostgreSQL server
 * (its postmaster, the children it has reaped and the ones alive) and this process (the clients). Divided by
 * the work done, it gives the cost of one request on each side, a figure that holds up on a busy machine where
 * throughput and latency do not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CpuTimes {
  /** milliseconds of CPU (user + system) */
  api: number;
  postgres: number;
  clients: number;
}

/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const MS_PER_TICK = 10;

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: split what follows its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (+ the reaped children's when asked), in ms; fields counted from 3 (state) after the name. */
function cpuOf(pid: number, withReaped = false): number {
  const f = statFields(pid);
  if (!f) return 0;
  const ticks = Number(f[11]) + Number(f[12]) + (withReaped ? Number(f[13]) + Number(f[14]) : 0);
  return ticks * MS_PER_TICK;
}

function childrenOf(ppid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => Number(statFields(pid)?.[1]) === ppid);
}

/** The postmaster's pid from its cluster folder, or null for a server this benchmark did not start. */
export function postmasterPid(clusterDir: string | null): number | null {
  if (!clusterDir) return null;
  try {
    return Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

export function cpuTimes(apiPid: number, postmaster: number | null): CpuTimes {
  const own = process.cpuUsage();
  const postgres = postmaster === null ? NaN : cpuOf(postmaster, true) + childrenOf(postmaster).reduce((sum, pid) => sum + cpuOf(pid), 0);
  return { api: cpuOf(apiPid), postgres, clients: (own.user + own.system) / 1000 };
}

/** CPU per unit of work between two readings, in ms, rounded to hundredths. */
export function cpuPer(before: CpuTimes, after: CpuTimes, units: number): CpuTimes {
  const per = (k: keyof CpuTimes) => Math.round(((after[k] - before[k]) / units) * 100) / 100;
  return { api: per('api'), postgres: per('postgres'), clients: per('clients') };
}
