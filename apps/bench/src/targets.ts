import * as os from 'node:os';

/** A benchmark's figure against the target its issue names: printed as it finishes and written beside the figure. */
export interface Verdict {
  scenario: string;
  figure: string;
  target: string;
  pass: boolean;
}

export function verdictLine(v: Verdict): string {
  return `${v.pass ? 'PASS' : 'FAIL'} ${v.scenario}: ${v.figure} (target ${v.target})`;
}

/**
 * The sentence a section ends with: the verdict, and how loaded the machine was while it ran. The benchmark's own
 * API, PostgreSQL and clients keep about every core busy, so only a load above 1.5 per core says that something
 * else was running beside it.
 */
export function verdictSentence(v: Verdict, load = os.loadavg()[0]): string {
  const cores = os.cpus().length;
  const rounded = Math.round(load * 10) / 10;
  const loaded =
    load > 1.5 * cores
      ? ` Loaded machine (load average ${rounded} on ${cores} cores): to be re-measured quiet.`
      : ` Load average ${rounded} on ${cores} cores, the benchmark's own processes among it.`;
  return `**${v.pass ? 'Pass' : 'Fail'}**: ${v.figure}, target ${v.target}.${loaded}`;
}
