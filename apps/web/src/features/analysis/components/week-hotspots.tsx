import { useTranslation } from 'react-i18next';
import { useHotspots } from '../hooks/use-hotspots';
import { BriefingButton } from './briefing-button';
import { HotspotList } from './hotspot-list';
import styles from './hotspot-section.module.css';

const NO_FILTER = {};

/** The desk's "this week" list for the morning meeting: the hotspots of the last seven days in the caller's area. */
export function WeekHotspots() {
  const { t } = useTranslation();
  const result = useHotspots(7, NO_FILTER);
  if (result.state !== 'ready') return null;
  const { hotspots, status } = result.data;
  const fresh = hotspots.filter((h) => h.isNew).length;
  return (
    <section className={styles.section} aria-labelledby="week-hotspots-title" data-testid="week-hotspots">
      <h2 id="week-hotspots-title" className={styles.title}>
        {t('analysis.week.title')}
      </h2>
      <p className={styles.summary}>
        {status === 'ok' ? t('analysis.week.summary', { count: hotspots.length, fresh }) : t(`analysis.hotspots.status.${status}`, { cases: result.data.territoryCases, min: result.data.method.minCases })}
      </p>
      {hotspots.length > 0 && <HotspotList hotspots={hotspots} days={7} categoryCode={null} />}
      <div className={styles.buttons}>
        <BriefingButton kind="daily" />
        <BriefingButton kind="weekly" />
      </div>
    </section>
  );
}
