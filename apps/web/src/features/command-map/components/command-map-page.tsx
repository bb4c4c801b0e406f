import { useTranslation } from 'react-i18next';
import { usePublicConfig, useTileUrl } from '../../../api/public-config';
import { useAreaBoundaries } from '../../../map/use-area-boundaries';
import styles from './command-map-page.module.css';
import { MapPanel } from './map-panel';
import { TerritoryMap } from './territory-map';

/** The command centre: the territory's map beside the key panel (the wall-screen view). */
export function CommandMapPage() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const tileUrl = useTileUrl();
  const grids = useAreaBoundaries('grid');
  const zones = useAreaBoundaries('zone');

  return (
    <main className={styles.page}>
      <div className={styles.mapArea}>
        {grids.state === 'loading' && <p className={styles.status}>{t('map.loading')}</p>}
        {grids.state === 'failed' && (
          <div className={styles.status} role="alert">
            <p>{t('map.loadFailed', { message: grids.error.message })}</p>
            <button type="button" className={styles.retry} onClick={grids.reload}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {grids.state === 'ready' && grids.data.features.length === 0 && <p className={styles.status}>{t('map.empty')}</p>}
        {grids.state === 'ready' && grids.data.features.length > 0 && (
          <TerritoryMap
            grids={grids.data}
            zones={zones.state === 'ready' ? zones.data : null}
            tileUrl={tileUrl}
            // Unknown (no config) counts as synthetic: better an extra caveat than a false claim of accuracy.
            synthetic={config?.syntheticGeometry !== false}
          />
        )}
      </div>
      <MapPanel grids={grids.state === 'ready' ? grids.data : null} zones={zones.state === 'ready' ? zones.data : null} hasTiles={tileUrl !== null} />
    </main>
  );
}
