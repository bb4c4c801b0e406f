import type { HotspotResponse } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../api/use-api-resource';
import form from '../../../ui/form.module.css';
import { HOTSPOT_PERIODS, HOTSPOT_SHADES, type HotspotPeriod } from '../hooks/use-hotspots';
import { HotspotList } from './hotspot-list';
import styles from './hotspot-section.module.css';
import { AnalysisSection } from './analysis-section';

export interface HotspotSectionProps {
  /** The period shown on the map, or null: the hotspot layer is off. */
  days: HotspotPeriod | null;
  onDays: (days: HotspotPeriod | null) => void;
  result: Resource<HotspotResponse> | null;
}

/** The map panel's hotspot layer: on or off, the period, the legend, what was found (new ones first) and how. */
export function HotspotSection({ days, onDays, result }: HotspotSectionProps) {
  const { t } = useTranslation();
  return (
    <AnalysisSection id="hotspot-title" title={t('analysis.hotspots.title')} testId="hotspot-section">
      <div className={form.chips} role="group" aria-label={t('analysis.hotspots.period')}>
        <button type="button" className={form.chip} aria-pressed={days === null} onClick={() => onDays(null)}>
          {t('analysis.hotspots.off')}
        </button>
        {HOTSPOT_PERIODS.map((d) => (
          <button key={d} type="button" className={form.chip} aria-pressed={days === d} onClick={() => onDays(d)} data-testid={`hotspot-days-${d}`}>
            {t('analysis.hotspots.days', { count: d })}
          </button>
        ))}
      </div>
      {days !== null && result && <HotspotFindings result={result} days={days} />}
    </AnalysisSection>
  );
}

function HotspotFindings({ result, days }: { result: Resource<HotspotResponse>; days: number }) {
  const { t } = useTranslation();
  if (result.state === 'loading') return <p className={styles.note}>{t('analysis.hotspots.loading')}</p>;
  if (result.state === 'failed')
    return (
      <p className={styles.note} role="alert">
        {t('analysis.hotspots.failed', { message: result.error.message })}
      </p>
    );
  const data = result.data;
  return (
    <>
      <ul className={styles.legend} aria-label={t('map.panel.legend')}>
        {([99, 95, 90] as const).map((c) => (
          <li key={c}>
            <span className={styles.swatch} style={{ background: HOTSPOT_SHADES[c].fillColor }} aria-hidden="true" />
            {t('analysis.hotspots.confidence', { confidence: c })}
          </li>
        ))}
      </ul>
      <p className={styles.summary} data-testid="hotspot-status" data-status={data.status}>
        {data.status === 'ok'
          ? t('analysis.hotspots.found', { count: data.hotspots.length, cases: data.cases, from: data.period.from, to: data.period.to })
          : t(`analysis.hotspots.status.${data.status}`, { cases: data.territoryCases, min: data.method.minCases })}
      </p>
      {data.hotspots.length > 0 && <HotspotList hotspots={data.hotspots} days={days} categoryCode={data.categoryCode} />}
      <p className={styles.method}>{t('analysis.hotspots.method', { alpha: Math.round(data.method.alpha * 100) })}</p>
    </>
  );
}
