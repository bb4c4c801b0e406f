import type { PathOptions } from 'leaflet';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicConfig, useTileUrl } from '../../../api/public-config';
import { useAreaBoundaries } from '../../../map/use-area-boundaries';
import { useAreaOutlines } from '../../../map/use-area-outlines';
import { HotspotSection } from '../../analysis/components/hotspot-section';
import { MonthlyTasksPanel } from '../../analysis/components/monthly-tasks-panel';
import { TrendsPanel } from '../../analysis/components/trends-panel';
import { useWallCycle } from '../../analysis/hooks/use-wall-cycle';
import { formatP, HOTSPOT_PERIODS, type HotspotPeriod, useHotspotGrids, useHotspots } from '../../analysis/hooks/use-hotspots';
import { useKeyFigures } from '../hooks/use-key-figures';
import { type GridLoads, type MapFilter, NO_FILTER, useMapCases } from '../hooks/use-map-cases';
import { CaseClusters } from './case-clusters';
import styles from './command-map-page.module.css';
import { MapPanel } from './map-panel';
import { TerritoryMap } from './territory-map';
import { WorkerMarkers } from './worker-markers';
import { DeviceAlarmsPanel, DeviceMarkers } from './device-alarms';

/** Who is on duty: loaded after the map, so the wall's first paint and its data requests do not wait for it. */
const DutyPanel = lazy(() => import('../../admin-rota/components/duty-panel').then((m) => ({ default: m.DutyPanel })));

/** Set when the grids are first on screen (the benchmark measures the wall as drawn when both marks are set). */
export const GRIDS_DRAWN_MARK = 'command-map:grids-drawn';

type GridShade = PathOptions & { raised?: boolean };

/**
 * Grid shading: blue deepens with open cases; a grid with overdue cases turns red (and its outline is
 * drawn above its neighbours'). The depth stops growing at 6 open or 4 overdue, so there are 11 shades,
 * made once: the same object for the same shade (the canvas groups grids by it).
 */
const QUIET: GridShade = { fillColor: '#1d4d6e', fillOpacity: 0.22 };
const BUSY: GridShade[] = [1, 2, 3, 4, 5, 6].map((open) => ({ fillColor: '#3f9fd0', fillOpacity: Math.min(0.3 + open * 0.07, 0.7) }));
const OVERDUE: GridShade[] = [1, 2, 3, 4].map((overdue) => ({ fillColor: '#c8423a', fillOpacity: Math.min(0.35 + overdue * 0.1, 0.7), color: '#ff7b72', raised: true }));

function gridShade(loads: GridLoads | null, index: number): GridShade {
  const open = loads?.open[index] ?? 0;
  const overdue = loads?.overdue[index] ?? 0;
  if (open === 0) return QUIET;
  if (overdue > 0) return OVERDUE[Math.min(overdue, OVERDUE.length) - 1];
  return BUSY[Math.min(open, BUSY.length) - 1];
}

/** `?hotspots=7|30|90` in the address: the wall opens with the hotspot layer on. */
function initialHotspotDays(): HotspotPeriod | null {
  const asked = Number(new URLSearchParams(window.location.search).get('hotspots'));
  return (HOTSPOT_PERIODS as readonly number[]).includes(asked) ? (asked as HotspotPeriod) : null;
}

function markGridsDrawn(): void {
  if (!performance.getEntriesByName(GRIDS_DRAWN_MARK).length) performance.mark(GRIDS_DRAWN_MARK);
}

/** The command centre: the territory's live map beside the panel of figures, filters and events (the wall screen). */
export function CommandMapPage() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const tileUrl = useTileUrl();
  const grids = useAreaOutlines('grid');
  const zones = useAreaBoundaries('zone');
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const outlines = grids.state === 'ready' ? grids.data : null;
  const { counts, shown, loads, clusters, error, setView } = useMapCases(filter, outlines);
  const figures = useKeyFigures(counts, { areaId: filter.areaId ?? undefined, categoryCode: filter.categoryCode ?? undefined }, clusters?.loaded === true);

  // The hotspot layer (研判): off, or the last 7/30/90 days; `?hotspots=7` opens the wall with it on.
  const [hotspotDays, setHotspotDays] = useState<HotspotPeriod | null>(initialHotspotDays);
  const hotspots = useHotspots(hotspotDays, filter);
  // `?cycle=30`: the wall turns through the live map, the week's and the month's hotspots on its own.
  const wall = useWallCycle(setHotspotDays);
  const hot = useHotspotGrids(hotspots.state === 'ready' ? hotspots.data : null, outlines?.indexOf ?? null);

  const gridStyle = useCallback((index: number) => (hotspotDays !== null ? hot.shade(index) : gridShade(loads, index)), [loads, hot, hotspotDays]);
  const describeGrid = useCallback(
    (index: number) => {
      if (hotspotDays !== null) {
        const grid = hot.byIndex.get(index);
        if (!grid) return t('analysis.hotspots.gridNone');
        const line = t('analysis.hotspots.gridStats', { count: grid.count, local: grid.local, z: grid.z.toFixed(2), p: formatP(grid.p), q: formatP(grid.q) });
        return grid.confidence ? `${t('analysis.hotspots.confidence', { confidence: grid.confidence })} · ${line}` : line;
      }
      const open = loads?.open[index] ?? 0;
      return open ? t('map.gridLoad', { open, overdue: loads?.overdue[index] ?? 0 }) : t('map.gridQuiet');
    },
    [loads, t, hot, hotspotDays],
  );
  // The wall names grids from its outlines: the full area list (3.5 MB for 10,000 grids) is not needed here.
  const gridName = useCallback((id: string) => (outlines ? (outlines.names[outlines.indexOf.get(id) ?? -1] ?? '…') : '…'), [outlines]);
  const bounded = useMemo(() => (outlines?.bounds ? { ...outlines, bounds: outlines.bounds } : null), [outlines]);

  return (
    <main className={styles.page}>
      <div className={styles.mapArea}>
        <Suspense fallback={null}>
          <DutyPanel overlay />
        </Suspense>
        {grids.state === 'loading' && <p className={styles.status}>{t('map.loading')}</p>}
        {grids.state === 'failed' && (
          <div className={styles.status} role="alert">
            <p>{t('map.loadFailed', { message: grids.error.message })}</p>
            <button type="button" className={styles.retry} onClick={grids.reload}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {grids.state === 'ready' && !bounded && <p className={styles.status}>{t('map.empty')}</p>}
        {bounded && (
          <TerritoryMap
            grids={bounded}
            zones={zones.state === 'ready' ? zones.data : null}
            tileUrl={tileUrl}
            // Unknown (no config) counts as synthetic: better an extra caveat than a false claim of accuracy.
            synthetic={config?.syntheticGeometry !== false}
            gridStyle={gridStyle}
            describeGrid={describeGrid}
            onGridsDrawn={markGridsDrawn}
          >
            <CaseClusters clusters={clusters} onView={setView} gridName={gridName} />
            <WorkerMarkers />
            <DeviceMarkers />
          </TerritoryMap>
        )}
        <DeviceAlarmsPanel />
        {error && (
          <p className={styles.casesError} role="alert">
            {t('map.casesFailed', { message: error.message })}
          </p>
        )}
      </div>
      <MapPanel
        grids={outlines}
        zones={zones.state === 'ready' ? zones.data : null}
        hasTiles={tileUrl !== null}
        figures={figures}
        shown={shown}
        filter={filter}
        onFilter={setFilter}
        gridName={gridName}
        extra={
          <>
            <HotspotSection
              days={hotspotDays}
              onDays={(days) => {
                wall.stop();
                setHotspotDays(days);
              }}
              result={hotspotDays === null ? null : hotspots}
            />
            {hotspotDays !== null && <MonthlyTasksPanel />}
            {hotspotDays === 30 && <TrendsPanel categoryCode={filter.categoryCode} areaId={filter.areaId} />}
          </>
        }
      />
    </main>
  );
}
