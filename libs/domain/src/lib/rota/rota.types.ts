import type { DispatchRuleName } from '@grid/contracts';
import type { LocalDate } from '../calendar/work-calendar.types';

/**
 * The duty rota (值班表) of grids and departments. Times are epoch milliseconds: the rota is read on every
 * report, and numbers compare without parsing. Local times of day are in the district's zone (Asia/Shanghai).
 */

/** Where a shift is served: a grid (or any area) or a department. Exactly one is set. */
export interface DutyPlace {
  areaId: string | null;
  departmentId: string | null;
}

/** A one-off shift (start inclusive, end exclusive). */
export interface Shift extends DutyPlace {
  id: string;
  userId: string;
  startMs: number;
  endMs: number;
}

/**
 * A weekly pattern: on each of `weekdays` (ISO 1 Monday … 7 Sunday) between `from` and `to` (local dates,
 * inclusive), the person is on duty from `startTime` to `endTime` (`HH:MM`, local). An end at or before the
 * start is a night shift ending the next morning; it belongs to the day it starts on. `skipDates` are the
 * exceptions: days on which the occurrence starting that day does not happen (a holiday, a swap).
 */
export interface WeeklyPattern extends DutyPlace {
  id: string;
  userId: string;
  weekdays: readonly number[];
  startTime: string;
  endTime: string;
  from: LocalDate;
  to: LocalDate | null;
  skipDates: readonly LocalDate[];
}

/** Leave (请假): the person is not on duty in [startMs, endMs); their substitute (顶岗) stands in, if named. */
export interface Leave {
  id: string;
  userId: string;
  startMs: number;
  endMs: number;
  substituteId: string | null;
}

/** The rota of one place: what `onDutyAt` and `chooseAssignee` read. */
export interface PlaceRota {
  shifts: readonly Shift[];
  patterns: readonly WeeklyPattern[];
}

/** Why a case's assignee was chosen, written into its `dispatched` event (`data.rule`). */
export type DispatchRule = DispatchRuleName;

/** A person the rota chose, and why. */
export interface DutyChoice {
  userId: string;
  rule: DispatchRule;
}

/** The steps of the automatic choice, tried in order until one names someone (configurable). */
export const DISPATCH_STEPS = ['on_duty', 'substitute', 'grid_leader'] as const;
export type DispatchStep = (typeof DISPATCH_STEPS)[number];
export const DEFAULT_DISPATCH_CHAIN: readonly DispatchStep[] = DISPATCH_STEPS;
