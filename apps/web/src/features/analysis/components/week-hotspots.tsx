import { useTranslation } from 'react-i18next';
import { useHotspots } from '../hooks/use-hotspots';
import { HotspotList } from './hotspot-list';
import styles from './hotspot-section.module.css';
import { AnalysisSection } from './analysis-section';

const NO_FILTER = {};

/** The desk's "this week" list for the morning meeting: the hotspots of the last seven days in the caller's area. */
export function WeekHotspots() {
  const { t } = useTranslation();
  const result = useHotspots(7, NO_FILTER);
  if (result.state !== 'ready') return null;
  const { hotspots, status } = result.data;
  const fresh = hotspots.filter((h) => h.isNew).length;
  return (
    <AnalysisSection id="week-hotspots-title" title={t('analysis.week.title')} testId="week-hotspots">
      <p className={styles.summary}>
        {status === 'ok' ? t('analysis.week.summary', { count: hotspots.length, fresh }) : t(`analysis.hotspots.status.${status}`, { cases: result.data.territoryCases, min: result.data.method.minCases })}
      </p>
      {hotspots.length > 0 && <HotspotList hotspots={hotspots} days={7} categoryCode={null} />}
    </AnalysisSection>
  );
}
