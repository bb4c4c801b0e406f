import type { AreaFeatureCollection } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevelLabel, usePublicConfig } from '../../../api/public-config';
import styles from './map-panel.module.css';

export interface MapPanelProps {
  grids: AreaFeatureCollection | null;
  zones: AreaFeatureCollection | null;
  hasTiles: boolean;
}

/** Beside the map: what the territory holds, the legend, and where the live figures will come. */
export function MapPanel({ grids, zones, hasTiles }: MapPanelProps) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const levelLabel = useLevelLabel();
  const [open, setOpen] = useState(true);
  const villages = grids ? new Set(grids.features.map((f) => f.properties.parentId)).size : null;
  // A zone leader sees one zone: name it rather than the whole territory.
  const title = zones?.features.length === 1 ? zones.features[0].properties.name : (config?.territoryName ?? t('nav.command'));
  const figures = [
    { level: 'zone', count: zones?.features.length ?? null },
    { level: 'village', count: villages },
    { level: 'grid', count: grids?.features.length ?? null },
  ] as const;

  return (
    <aside className={styles.panel} aria-labelledby="map-panel-title" data-open={open}>
      <div className={styles.head}>
        <div>
          <p className={styles.kicker}>{t('map.panel.territory')}</p>
          <h1 id="map-panel-title" className={styles.title}>
            {title}
          </h1>
        </div>
        <button type="button" className={styles.toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('map.panel.collapse') : t('map.panel.expand')}
        </button>
      </div>
      {open && (
        <div className={styles.body}>
          <section aria-label={t('map.panel.figures')}>
            <dl className={styles.figures}>
              {figures.map(({ level, count }) => (
                <div key={level} className={styles.figure}>
                  <dt>{levelLabel(level)}</dt>
                  <dd data-testid={`figure-${level}`}>{count ?? '–'}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className={styles.section}>
            <h2 className={styles.sectionTitle}>{t('map.panel.legend')}</h2>
            <ul className={styles.legend}>
              <li>
                <span className={`${styles.swatch} ${styles.swatchGrid}`} aria-hidden="true" />
                {t('map.panel.legendGrid')}
              </li>
              <li>
                <span className={`${styles.swatch} ${styles.swatchZone}`} aria-hidden="true" />
                {t('map.panel.legendZone')}
              </li>
            </ul>
            {!hasTiles && <p className={styles.note}>{t('map.noTiles')}</p>}
          </section>
          <section className={`${styles.section} ${styles.coming}`}>
            <h2 className={styles.sectionTitle}>
              {t('map.panel.liveTitle')} <span className={styles.badge}>{t('common.comingSoon')}</span>
            </h2>
            <p className={styles.note}>{t('map.panel.liveComing')}</p>
          </section>
        </div>
      )}
    </aside>
  );
}
