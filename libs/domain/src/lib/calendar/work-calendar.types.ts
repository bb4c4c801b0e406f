/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** One year's public holidays and make-up workdays (调休上班日), as data. */
export interface YearSchedule {
  year: number;
  /** True when the schedule is a guess (not yet officially published): due times in it may move. */
  provisional: boolean;
  /** Days off that would otherwise be workdays, with their name. */
  holidays: Readonly<Record<LocalDate, string>>;
  /** Weekend days that are workdays, with the holiday they make up for. */
  makeUpWorkdays: Readonly<Record<LocalDate, string>>;
}

/** A working window of a workday, local time `HH:MM`–`HH:MM`. */
export interface WorkingWindow {
  start: string;
  end: string;
}

/**
 * The working-time calendar the SLA clocks run on. Plain data (storable, editable); local time is a
 * fixed offset from UTC (China has no daylight saving time).
 */
export interface WorkCalendar {
  /** Minutes east of UTC: 480 for Asia/Shanghai. */
  utcOffsetMinutes: number;
  /** ISO weekdays that are workdays unless a holiday: 1 Monday … 7 Sunday. */
  weekdays: readonly number[];
  /** Sorted, non-overlapping working windows of a workday. */
  windows: readonly WorkingWindow[];
  /** Schedules by year; a year without one counts weekdays only and is provisional. */
  years: readonly YearSchedule[];
}
