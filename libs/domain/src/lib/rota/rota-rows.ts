import { isoWeekdayOf, minutesOf, SHANGHAI_UTC_OFFSET_MINUTES } from '../calendar/local-time.util';
import type { LocalDate } from '../calendar/work-calendar.types';
import { occurrenceOn } from './on-duty';

/**
 * The rota import's rows (issue 17): one row per one-off shift (a date) or weekly pattern (weekdays), read as
 * text from a spreadsheet. This checks each row's own fields; the API then resolves codes and usernames.
 */
export const ROTA_COLUMNS = ['date', 'place', 'username', 'start', 'end', 'substitute', 'from', 'to'] as const;
export type RotaColumn = (typeof ROTA_COLUMNS)[number];

/** A row as text; `row` is its 1-based number in the sheet (the header is row 1). */
export type RawRotaRow = { row: number } & Record<RotaColumn, string>;

interface RowBase {
  row: number;
  placeCode: string;
  username: string;
  startTime: string;
  endTime: string;
}
export type RotaRowDraft =
  | (RowBase & { kind: 'shift'; date: LocalDate; startMs: number; endMs: number; substitute: string | null })
  | (RowBase & { kind: 'pattern'; weekdays: number[]; from: LocalDate; to: LocalDate | null });

/** A row's problem: `code` and `params` for clients that word it themselves, `message` in English. */
export interface RotaRowProblem {
  row: number;
  column?: RotaColumn;
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

const DAY_NAMES: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7,
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7,
};

function dayOf(token: string): number | null {
  const t = token.trim().toLowerCase().replace(/^(周|星期|礼拜)/, '').slice(0, 3);
  return DAY_NAMES[t] ?? null;
}

/**
 * Weekdays written as people write them: `周一至周五`, `周六、周日`, `每天`, `1-5`, `Mon-Fri`, `Sat,Sun`, `daily`.
 * Answers ISO weekdays (1 Monday … 7 Sunday) in order, or null when the text is not such a list.
 */
export function parseWeekdays(text: string): number[] | null {
  const s = text.trim().toLowerCase();
  if (!s) return null;
  if (['每天', '每日', '全周', 'daily', 'every day'].includes(s)) return [1, 2, 3, 4, 5, 6, 7];
  if (['工作日', 'weekdays'].includes(s)) return [1, 2, 3, 4, 5];
  if (['周末', 'weekends', 'weekend'].includes(s)) return [6, 7];
  const days = new Set<number>();
  for (const part of s.split(/[,，、;；\s]+/).filter(Boolean)) {
    const range = part.split(/至|到|~|～|-|–|—/);
    if (range.length > 2) return null;
    const from = dayOf(range[0]);
    const to = range.length === 2 ? dayOf(range[1]) : from;
    if (from === null || to === null || to < from) return null;
    for (let d = from; d <= to; d++) days.add(d);
  }
  return days.size ? [...days].sort() : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(text: string): boolean {
  return DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

function timeOf(text: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const time = `${m[1].padStart(2, '0')}:${m[2]}`;
  try {
    minutesOf(time);
  } catch {
    return null;
  }
  return time === '24:00' || time < '24:00' ? time : null;
}

/** Checks each row's own fields; a row with a problem yields no draft. Dates and times are local (Asia/Shanghai). */
export function parseRotaRows(rows: readonly RawRotaRow[], today: LocalDate, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): { drafts: RotaRowDraft[]; problems: RotaRowProblem[] } {
  const drafts: RotaRowDraft[] = [];
  const problems: RotaRowProblem[] = [];
  for (const raw of rows) {
    const before = problems.length;
    const problem = (column: RotaColumn, code: string, message: string, params?: Record<string, string>) => problems.push({ row: raw.row, column, code, message, ...(params ? { params } : {}) });
    const placeCode = raw.place.trim();
    const username = raw.username.trim();
    if (!placeCode) problem('place', 'place_missing', 'the grid or department code is missing');
    if (!username) problem('username', 'username_missing', 'the username is missing');
    const startTime = timeOf(raw.start);
    const endTime = timeOf(raw.end);
    if (!startTime || startTime === '24:00') problem('start', 'time_malformed', `not a time of day HH:MM: "${raw.start}"`, { value: raw.start });
    if (!endTime) problem('end', 'time_malformed', `not a time of day HH:MM: "${raw.end}"`, { value: raw.end });
    if (startTime && endTime && startTime === endTime) problem('end', 'end_is_start', 'the end is the start: a whole day is 00:00–24:00');
    const date = raw.date.trim();
    const weekdays = isDate(date) ? null : parseWeekdays(date);
    if (!isDate(date) && !weekdays) problem('date', 'date_or_weekdays_malformed', `neither a date YYYY-MM-DD nor weekdays (周一至周五, 1-5, Mon-Fri): "${raw.date}"`, { value: raw.date });
    const from = raw.from.trim();
    const to = raw.to.trim();
    const substitute = raw.substitute.trim() || null;
    if (weekdays) {
      if (from && !isDate(from)) problem('from', 'date_malformed', `not a date YYYY-MM-DD: "${raw.from}"`, { value: raw.from });
      if (to && !isDate(to)) problem('to', 'date_malformed', `not a date YYYY-MM-DD: "${raw.to}"`, { value: raw.to });
      if (from && to && isDate(from) && isDate(to) && to < from) problem('to', 'to_before_from', 'before the first day');
      if (substitute) problem('substitute', 'substitute_on_pattern', 'a substitute stands in for a dated shift (enter it on that date’s row)');
    }
    if (substitute && substitute === username) problem('substitute', 'substitute_is_person', 'someone else stands in');
    if (problems.length > before || !startTime || !endTime) continue;
    const base = { row: raw.row, placeCode, username, startTime, endTime };
    if (weekdays) {
      drafts.push({ ...base, kind: 'pattern', weekdays, from: from || today, to: to || null });
    } else {
      const span = occurrenceOn({ weekdays: [isoWeekdayOf(date)], startTime, endTime, from: date, to: date, skipDates: [] }, date, utcOffsetMinutes) as [number, number];
      drafts.push({ ...base, kind: 'shift', date, startMs: span[0], endMs: span[1], substitute });
    }
  }
  return { drafts, problems };
}

/** Pairs of one-off shifts of the same person in the file that overlap: the later row's problem. */
export function overlappingRows(drafts: readonly RotaRowDraft[]): RotaRowProblem[] {
  const shifts = drafts.filter((d): d is Extract<RotaRowDraft, { kind: 'shift' }> => d.kind === 'shift').sort((a, b) => a.username.localeCompare(b.username) || a.startMs - b.startMs);
  const problems: RotaRowProblem[] = [];
  for (let i = 1; i < shifts.length; i++) {
    const [a, b] = [shifts[i - 1], shifts[i]];
    if (a.username === b.username && b.startMs < a.endMs) problems.push({ row: Math.max(a.row, b.row), column: 'start', code: 'overlaps_row', params: { other: Math.min(a.row, b.row) }, message: `overlaps row ${Math.min(a.row, b.row)} of the same person` });
  }
  return problems;
}
