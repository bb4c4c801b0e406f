import { SHANGHAI_UTC_OFFSET_MINUTES } from '../calendar/local-time.util';
import { hasRotaAt, leaveAt, onDutyAt } from './on-duty';
import { DEFAULT_DISPATCH_CHAIN, type DispatchRule, type DispatchStep, type Leave, type PlaceRota } from './rota.types';

export interface AssigneeInput {
  atMs: number;
  /** The grid's rota (its shifts and weekly patterns). */
  rota: PlaceRota;
  /** Leave of the people concerned (the grid's workers and leaders, at least). */
  leaves: readonly Leave[];
  /** The grid's active workers, in a stable order (by username): on duty around the clock when the grid keeps no rota. */
  workers: readonly string[];
  /** The grid leaders over the grid, nearest first (a leader of the grid itself, then of its village). */
  leaders: readonly string[];
  /** Open cases held by a person now; the least loaded of several candidates is chosen. */
  openCases: (userId: string) => number;
  chain?: readonly DispatchStep[];
  utcOffsetMinutes?: number;
}

export interface AssigneeChoice {
  userId: string | null;
  /** Why: null when nobody could be chosen (the grid as a whole is pushed the case). */
  rule: DispatchRule | null;
  /** Who the rota puts on duty now and is not on leave (for display). */
  onDuty: string[];
  /** Whether the grid keeps a rota around the instant (without one, its workers count as on duty). */
  rota: boolean;
}

/** The candidate with the fewest open cases; ties go to the earlier in the list (stable, by username). */
export function leastLoaded(candidates: readonly string[], openCases: (userId: string) => number): string {
  let best = candidates[0];
  let bestLoad = openCases(best);
  for (let i = 1; i < candidates.length; i++) {
    const load = openCases(candidates[i]);
    if (load < bestLoad) {
      best = candidates[i];
      bestLoad = load;
    }
  }
  return best;
}

/**
 * Who gets a new case of a grid at an instant, and why (DESIGN §7a): the worker on duty (`on_duty`; with several
 * on duty, the one with the fewest open cases: `least_loaded`); with nobody on duty, the substitute of whoever is
 * on leave from their duty (`substitute`); then the grid leader (`grid_leader`). The chain's order is configurable.
 */
export function chooseAssignee(input: AssigneeInput): AssigneeChoice {
  const { atMs, leaves, openCases } = input;
  const offset = input.utcOffsetMinutes ?? SHANGHAI_UTC_OFFSET_MINUTES;
  const rota = hasRotaAt(input.rota, atMs, offset);
  const scheduled = rota ? onDutyAt(input.rota, atMs, offset) : [...input.workers];
  const away = (id: string) => leaveAt(leaves, id, atMs) !== null;
  const onDuty = scheduled.filter((id) => !away(id));
  for (const step of input.chain ?? DEFAULT_DISPATCH_CHAIN) {
    if (step === 'on_duty' && onDuty.length) {
      return onDuty.length === 1 ? { userId: onDuty[0], rule: 'on_duty', onDuty, rota } : { userId: leastLoaded(onDuty, openCases), rule: 'least_loaded', onDuty, rota };
    }
    if (step === 'substitute') {
      const substitutes = unique(scheduled.flatMap((id) => leaveAt(leaves, id, atMs)?.substituteId ?? [])).filter((id) => !away(id));
      if (substitutes.length) return { userId: leastLoaded(substitutes, openCases), rule: 'substitute', onDuty, rota };
    }
    if (step === 'grid_leader') {
      const leader = input.leaders.find((id) => !away(id));
      if (leader) return { userId: leader, rule: 'grid_leader', onDuty, rota };
    }
  }
  return { userId: null, rule: null, onDuty, rota };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
