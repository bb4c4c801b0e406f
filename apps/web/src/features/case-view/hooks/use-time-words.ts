import { SHANGHAI_TIME_ZONE } from '@grid/domain';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';

export interface TimeWords {
  /** "5 分钟" / "3 h" for a span. */
  span: (ms: number) => string;
  /** "3 分钟前" for a past instant. */
  ago: (iso: string, now: number) => string;
  /** "剩 2 小时" or "超期 40 分钟" for a due time. */
  due: (iso: string, now: number) => string;
  /** Date and time in the current language, e.g. 11-23 14:05. */
  at: (iso: string) => string;
  /** The time of day only, e.g. 14:05. */
  clock: (iso: string) => string;
}

/**
 * Formatters are costly to make (a ticker formats forty times four times a second): one per language and form.
 * Always in the district's time, whatever the device's zone: working hours and deadlines are in it (a kiosk or
 * test browser left on UTC showed an 08:47 patrol as 00:47).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(form: 'at' | 'clock', language: string): Intl.DateTimeFormat {
  const key = `${form}:${language}`;
  let format = formatters.get(key);
  if (!format) {
    const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: SHANGHAI_TIME_ZONE };
    const options: Intl.DateTimeFormatOptions = form === 'at' ? { month: '2-digit', day: '2-digit', ...time } : time;
    format = new Intl.DateTimeFormat(language, options);
    formatters.set(key, format);
  }
  return format;
}

export function useTimeWords(): TimeWords {
  const { t } = useTranslation();
  const span = (ms: number) => {
    const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
    if (minutes < 60) return t('time.minutes', { count: minutes });
    const hours = Math.round(minutes / 6) / 10;
    if (hours < 48) return t('time.hours', { count: hours >= 10 ? Math.round(hours) : hours });
    return t('time.days', { count: Math.round(hours / 24) });
  };
  return {
    span,
    ago: (iso, now) => {
      const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
      if (minutes < 1) return t('time.justNow');
      if (minutes < 60) return t('time.minutesAgo', { count: minutes });
      if (minutes < 48 * 60) return t('time.hoursAgo', { count: Math.floor(minutes / 60) });
      return t('time.daysAgo', { count: Math.floor(minutes / 1440) });
    },
    due: (iso, now) => {
      const left = Date.parse(iso) - now;
      return left >= 0 ? t('time.dueIn', { time: span(left) }) : t('time.overdueBy', { time: span(left) });
    },
    at: (iso) => formatter('at', currentLanguage()).format(new Date(iso)),
    clock: (iso) => formatter('clock', currentLanguage()).format(new Date(iso)),
  };
}
