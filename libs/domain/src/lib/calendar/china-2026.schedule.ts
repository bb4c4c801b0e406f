import type { YearSchedule } from './work-calendar.types';

/**
 * China's official 2026 schedule of public holidays and make-up workdays (调休上班), as published by the
 * State Council General Office. Generated at development time from chinese-days@1.5.7
 * (dist/years/2026.json, MIT); the library never reads files at run time. Holidays falling on a weekend
 * are listed too, harmlessly.
 */
export const CHINA_2026: YearSchedule = {
  year: 2026,
  provisional: false,
  holidays: {
    '2026-01-01': '元旦 New Year’s Day',
    '2026-01-02': '元旦 New Year’s Day',
    '2026-01-03': '元旦 New Year’s Day',
    '2026-02-15': '春节 Spring Festival',
    '2026-02-16': '春节 Spring Festival',
    '2026-02-17': '春节 Spring Festival',
    '2026-02-18': '春节 Spring Festival',
    '2026-02-19': '春节 Spring Festival',
    '2026-02-20': '春节 Spring Festival',
    '2026-02-21': '春节 Spring Festival',
    '2026-02-22': '春节 Spring Festival',
    '2026-02-23': '春节 Spring Festival',
    '2026-04-04': '清明 Tomb-sweeping Day',
    '2026-04-05': '清明 Tomb-sweeping Day',
    '2026-04-06': '清明 Tomb-sweeping Day',
    '2026-05-01': '劳动节 Labour Day',
    '2026-05-02': '劳动节 Labour Day',
    '2026-05-03': '劳动节 Labour Day',
    '2026-05-04': '劳动节 Labour Day',
    '2026-05-05': '劳动节 Labour Day',
    '2026-06-19': '端午 Dragon Boat Festival',
    '2026-06-20': '端午 Dragon Boat Festival',
    '2026-06-21': '端午 Dragon Boat Festival',
    '2026-09-25': '中秋 Mid-autumn Festival',
    '2026-09-26': '中秋 Mid-autumn Festival',
    '2026-09-27': '中秋 Mid-autumn Festival',
    '2026-10-01': '国庆节 National Day',
    '2026-10-02': '国庆节 National Day',
    '2026-10-03': '国庆节 National Day',
    '2026-10-04': '国庆节 National Day',
    '2026-10-05': '国庆节 National Day',
    '2026-10-06': '国庆节 National Day',
    '2026-10-07': '国庆节 National Day',
  },
  makeUpWorkdays: {
    '2026-01-04': '元旦 New Year’s Day',
    '2026-02-14': '春节 Spring Festival',
    '2026-02-28': '春节 Spring Festival',
    '2026-05-09': '劳动节 Labour Day',
    '2026-09-20': '国庆节 National Day',
    '2026-10-10': '国庆节 National Day',
  },
};
