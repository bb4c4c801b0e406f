import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from './cluster';

/** Where the fault tests leave what they measured; docs/reliability.md quotes it. */
export const FIGURES_FILE = path.join(WORKSPACE_ROOT, 'docs/reliability.json');

/** Merges one test's figures into docs/reliability.json under `section`, with the time of the run. */
export function recordFigures(section: string, figures: Record<string, unknown>): void {
  const all = fs.existsSync(FIGURES_FILE) ? (JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8')) as Record<string, unknown>) : {};
  all[section] = { measuredAt: new Date().toISOString(), ...figures };
  fs.writeFileSync(FIGURES_FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`[reliability] ${section}: ${JSON.stringify(figures)}`);
}
