/**
 * The working calendar the SLA clocks run on, as data an administrator maintains: public holidays and
 * make-up workdays per year (国务院办公厅 publishes next year's schedule late in the year), workdays and
 * working hours. Shapes match libs/domain's WorkCalendar.
 */
import { z } from 'zod';

const localDate = z.iso.date();
const dayName = z.string().trim().min(1).max(64);
const timeOfDay = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time of day HH:MM');

export const yearScheduleSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    provisional: z.boolean().default(false),
    holidays: z.record(localDate, dayName).default({}),
    makeUpWorkdays: z.record(localDate, dayName).default({}),
  })
  .superRefine((schedule, ctx) => {
    for (const field of ['holidays', 'makeUpWorkdays'] as const) {
      for (const date of Object.keys(schedule[field])) {
        if (!date.startsWith(`${schedule.year}-`)) ctx.addIssue({ code: 'custom', path: [field, date], message: `not a date of ${schedule.year}` });
      }
    }
    for (const date of Object.keys(schedule.holidays)) {
      if (date in schedule.makeUpWorkdays) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', date], message: 'a day cannot be both a holiday and a make-up workday' });
    }
  });
export type YearScheduleInput = z.input<typeof yearScheduleSchema>;
export type YearScheduleDto = z.output<typeof yearScheduleSchema>;

export const workingHoursSchema = z.object({
  /** ISO weekdays that are workdays: 1 Monday … 7 Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  windows: z.array(z.object({ start: timeOfDay, end: timeOfDay })).min(1).max(6),
});
export type WorkingHoursDto = z.infer<typeof workingHoursSchema>;

/** How far a year's schedule can be trusted: official, provisional (a fallback guess), or missing (weekdays only). */
const YEAR_SCHEDULE_STATES = ['official', 'provisional', 'missing'] as const;
export type YearScheduleState = (typeof YEAR_SCHEDULE_STATES)[number];

export const workCalendarDtoSchema = workingHoursSchema
  .extend({
    utcOffsetMinutes: z.number().int(),
    // The stored schedules as the API answers them (the request schema's checks and defaults already applied).
    years: z.array(z.object({ year: z.number().int(), provisional: z.boolean(), holidays: z.record(z.string(), z.string()), makeUpWorkdays: z.record(z.string(), z.string()) })),
    /** This year and the next, with how far their schedules can be trusted (the UI warns unless official). */
    coverage: z.array(z.object({ year: z.number().int(), state: z.enum(YEAR_SCHEDULE_STATES) })),
  })
  .meta({ id: 'WorkCalendar' });
export type WorkCalendarDto = z.infer<typeof workCalendarDtoSchema>;
