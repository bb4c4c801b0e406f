import type { HandlingLevel, TimeLimit } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useLevelLabel } from '../api/public-config';
import { useEnglish } from './use-reference-data';

/** Something with a name in both languages (a category, a department). */
interface Named {
  name: string;
  nameEn: string;
}

export interface CategoryWords {
  /** The name in the current language. */
  name: (named: Named) => string;
  /** Hours as people say them: 30 分钟, 2 小时. */
  duration: (hours: number) => string;
  /** "签收 2 小时 · 办结 24 小时". */
  limit: (limit: TimeLimit) => string;
  /** Who handles: the level's label, or the department's name. */
  unit: (level: HandlingLevel, department: Named | null) => string;
}

/** How the responsibility list is put into words, the same on the public page and in the console. */
export function useCategoryWords(): CategoryWords {
  const { t } = useTranslation();
  const english = useEnglish();
  const levelLabel = useLevelLabel();
  const name = (named: Named) => (english ? named.nameEn : named.name);
  const duration = (hours: number) =>
    hours < 1 ? t('responsibilityList.minutes', { count: Math.round(hours * 60) }) : t('responsibilityList.hours', { count: Math.round(hours * 100) / 100 });
  return {
    name,
    duration,
    limit: (l) => `${t('responsibilityList.accept', { time: duration(l.acceptHours) })} · ${t('responsibilityList.handle', { time: duration(l.handleHours) })}`,
    unit: (level, department) => (level === 'department' ? (department ? name(department) : t('responsibilityList.admin.levelDepartment')) : levelLabel(level)),
  };
}
