import type { CategoryState, CategoryVersionStatus } from '@grid/contracts';

/** What the timeline of a category's versions needs of each: its number and when it takes effect (ISO, UTC). */
export interface DatedVersion {
  version: number;
  effectiveFrom: string;
}

const instant = (iso: string) => Date.parse(iso);

/**
 * The version in effect at `at`: the one that took effect last, by `effectiveFrom`, at or before `at`; of two
 * taking effect at the same instant, the later-made (higher number). Null before the first version. Every
 * instance answers the same from the same versions, so a scheduled version switches on its date everywhere at
 * once, without anyone telling the instances.
 */
export function versionInEffect<V extends DatedVersion>(versions: readonly V[], at: string): V | null {
  const t = instant(at);
  let best: V | null = null;
  for (const v of versions) {
    const from = instant(v.effectiveFrom);
    if (from > t) continue;
    if (!best || from > instant(best.effectiveFrom) || (from === instant(best.effectiveFrom) && v.version > best.version)) best = v;
  }
  return best;
}

/** The first version taking effect after `at` (the next scheduled change), or null. */
export function nextScheduledVersion<V extends DatedVersion>(versions: readonly V[], at: string): V | null {
  const t = instant(at);
  let next: V | null = null;
  for (const v of versions) {
    const from = instant(v.effectiveFrom);
    if (from <= t) continue;
    if (!next || from < instant(next.effectiveFrom) || (from === instant(next.effectiveFrom) && v.version > next.version)) next = v;
  }
  return next;
}

/** Past (superseded), current (in effect at `at`) or scheduled (takes effect later). */
export function versionStatusOf(versions: readonly DatedVersion[], version: DatedVersion, at: string): CategoryVersionStatus {
  if (instant(version.effectiveFrom) > instant(at)) return 'scheduled';
  return versionInEffect(versions, at)?.version === version.version ? 'current' : 'past';
}

const STATE_KEYS = ['name', 'nameEn', 'handlingLevel', 'departmentCode', 'clock', 'timeLimits', 'requiresVerification', 'points', 'extraFields'] as const satisfies readonly (keyof CategoryState)[];

/** A new state from a base and the fields an edit gives (fields left out keep the base's value). */
export function mergeCategoryState(base: CategoryState, edit: Partial<CategoryState>): CategoryState {
  const merged = { ...base };
  for (const key of STATE_KEYS) if (edit[key] !== undefined) (merged as Record<string, unknown>)[key] = edit[key];
  return merged;
}

/** The fields whose values differ between two states (an import makes a version only for a category that changed). */
export function changedStateFields(a: CategoryState, b: CategoryState): (keyof CategoryState)[] {
  return STATE_KEYS.filter((key) => canonical(a[key]) !== canonical(b[key]));
}

/** JSON with object keys sorted, so that the same value stored by PostgreSQL's jsonb (which reorders keys) compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
}
