import type { AreaFeature } from '@grid/contracts';
import type { PathOptions } from 'leaflet';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicConfig, useTileUrl } from '../../../api/public-config';
import { useAreaBoundaries } from '../../../map/use-area-boundaries';
import { useKeyFigures } from '../hooks/use-key-figures';
import { type GridLoad, type MapFilter, NO_FILTER, useMapCases } from '../hooks/use-map-cases';
import { CaseClusters } from './case-clusters';
import styles from './command-map-page.module.css';
import { MapPanel } from './map-panel';
import { TerritoryMap } from './territory-map';
import { WorkerMarkers } from './worker-markers';

/** Grid shading: blue deepens with open cases; a grid with overdue cases turns red. */
function gridShade(load: GridLoad | undefined): PathOptions {
  if (!load || load.open === 0) return { fillColor: '#1d4d6e', fillOpacity: 0.22 };
  if (load.overdue > 0) return { fillColor: '#c8423a', fillOpacity: Math.min(0.35 + load.overdue * 0.1, 0.7), color: '#ff7b72' };
  return { fillColor: '#3f9fd0', fillOpacity: Math.min(0.3 + load.open * 0.07, 0.7) };
}

/** The command centre: the territory's live map beside the panel of figures, filters and events (the wall screen). */
export function CommandMapPage() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const tileUrl = useTileUrl();
  const grids = useAreaBoundaries('grid');
  const zones = useAreaBoundaries('zone');
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const { counts, cases, byGrid, error } = useMapCases(filter);
  const figures = useKeyFigures(counts, { areaId: filter.areaId ?? undefined, categoryCode: filter.categoryCode ?? undefined });

  const gridStyle = useCallback((feature: AreaFeature) => gridShade(byGrid.get(feature.id)), [byGrid]);
  const describeGrid = useCallback(
    (feature: AreaFeature) => {
      const load = byGrid.get(feature.id);
      return load ? t('map.gridLoad', { open: load.open, overdue: load.overdue }) : t('map.gridQuiet');
    },
    [byGrid, t],
  );

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
            gridStyle={gridStyle}
            describeGrid={describeGrid}
          >
            <CaseClusters cases={cases} loaded={counts !== null} />
            <WorkerMarkers />
          </TerritoryMap>
        )}
        {error && (
          <p className={styles.casesError} role="alert">
            {t('map.casesFailed', { message: error.message })}
          </p>
        )}
      </div>
      <MapPanel
        grids={grids.state === 'ready' ? grids.data : null}
        zones={zones.state === 'ready' ? zones.data : null}
        hasTiles={tileUrl !== null}
        figures={figures}
        shown={cases.length}
        filter={filter}
        onFilter={setFilter}
      />
    </main>
  );
}
