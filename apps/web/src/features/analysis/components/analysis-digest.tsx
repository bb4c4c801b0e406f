import { useTranslation } from 'react-i18next';
import { BriefingLinks } from './briefing-links';
import { MonthlyTasksPanel } from './monthly-tasks-panel';
import { TrendsPanel } from './trends-panel';
import { WeekHotspots } from './week-hotspots';
import styles from './hotspot-section.module.css';

/**
 * The desk's analysis for the morning meeting (研判): this week's hotspots, the 每月一题 tasks and the trends, folded
 * under one line so that the case list stays the desk's first view; `open` unfolds it.
 */
export function AnalysisDigest({ open = false }: { open?: boolean }) {
  const { t } = useTranslation();
  return (
    <details className={styles.digest} open={open} data-testid="analysis-digest">
      <summary>{t('analysis.digest')}</summary>
      <WeekHotspots />
      <BriefingLinks />
      <MonthlyTasksPanel />
      <TrendsPanel />
    </details>
  );
}
