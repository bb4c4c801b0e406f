import type { YearSchedule } from './work-calendar.types';

/**
 * China's 2027 schedule is not published in the data we ship (the State Council announces it late in
 * the year before). Until it is, this fallback counts weekends and the fixed-date holidays only —
 * 元旦 Jan 1, 劳动节 May 1, 国庆 Oct 1–3 — and is flagged provisional so the UI can warn that due times
 * in 2027 may move. Replace it with the official schedule when published; SLA history recomputes.
 */
export const CHINA_2027_PROVISIONAL: YearSchedule = {
  year: 2027,
  provisional: true,
  holidays: {
    '2027-01-01': '元旦 New Year’s Day',
    '2027-05-01': '劳动节 Labour Day',
    '2027-10-01': '国庆节 National Day',
    '2027-10-02': '国庆节 National Day',
    '2027-10-03': '国庆节 National Day',
  },
  makeUpWorkdays: {},
};
