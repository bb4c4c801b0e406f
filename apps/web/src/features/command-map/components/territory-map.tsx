import type { AreaFeatureCollection } from '@grid/contracts';
import { type FitBoundsOptions, latLngBounds, type Map as LeafletMap } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, TileLayer } from 'react-leaflet';
import { ZoneBoundaries } from '../../../map/boundary-layers';
import { GridOutlines, type GridOutlinesProps } from '../../../map/grid-outlines';
import '../../../map/map.css';
import type { AreaOutlines } from '../../../map/use-area-outlines';
import styles from './territory-map.module.css';

// More room at the bottom, where the synthetic-boundaries note sits.
const FIT: FitBoundsOptions = { paddingTopLeft: [20, 20], paddingBottomRight: [20, 48] };
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

export interface TerritoryMapProps {
  /** The grids, with a boundary box to fit (`bounds` not null). */
  grids: AreaOutlines & { bounds: [number, number, number, number] };
  zones: AreaFeatureCollection | null;
  /** Leaflet tile URL template; null draws our own boundaries on a plain background. */
  tileUrl: string | null;
  /** The boundaries are generated (the demo): the map says so. */
  synthetic: boolean;
  /** Shading and tooltip lines per grid (the command centre's open and overdue counts). */
  gridStyle?: GridOutlinesProps['styleOf'];
  describeGrid?: GridOutlinesProps['describe'];
  /** Called once the grids are first on screen. */
  onGridsDrawn?: () => void;
  /** Layers above the boundaries (cases, workers). */
  children?: ReactNode;
}

/** The territory drawn from our own boundaries, fitted to the grids the user may see. */
export function TerritoryMap({ grids, zones, tileUrl, synthetic, gridStyle, describeGrid, onGridsDrawn, children }: TerritoryMapProps) {
  const { t } = useTranslation();
  const [map, setMap] = useState<LeafletMap | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const bounds = useMemo(() => {
    const [west, south, east, north] = grids.bounds;
    return latLngBounds([south, west], [north, east]);
  }, [grids]);

  // Leaflet only watches the window, and the panel, late styles or a wall screen going full screen
  // resize the map too: keep the whole territory in view until the user takes over the map.
  useEffect(() => {
    const element = wrapper.current;
    if (!map || !element) return;
    let userMoved = false;
    const takeOver = () => (userMoved = true);
    const container = map.getContainer();
    const inputs = ['pointerdown', 'wheel', 'keydown', 'touchstart'] as const;
    inputs.forEach((type) => container.addEventListener(type, takeOver, { passive: true }));
    const observer = new ResizeObserver(() => {
      map.invalidateSize();
      if (!userMoved) map.fitBounds(bounds, FIT);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      inputs.forEach((type) => container.removeEventListener(type, takeOver));
    };
  }, [map, bounds]);

  return (
    <div ref={wrapper} className={`${styles.wrapper} ${tileUrl ? 'with-tiles' : 'without-tiles'}`} role="region" aria-label={t('map.regionLabel')}>
      <MapContainer ref={setMap} className={styles.map} bounds={bounds} boundsOptions={FIT} zoomSnap={0.1} minZoom={8}>
        {tileUrl && (
          <TileLayer url={tileUrl} attribution={import.meta.env.VITE_TILE_ATTRIBUTION ?? (tileUrl.includes('openstreetmap') ? OSM_ATTRIBUTION : undefined)} />
        )}
        <GridOutlines outlines={grids} styleOf={gridStyle} describe={describeGrid} faint={tileUrl !== null} onDrawn={onGridsDrawn} />
        {zones && <ZoneBoundaries data={zones} />}
        {children}
      </MapContainer>
      {synthetic && (
        <p className={styles.syntheticNote} data-testid="synthetic-note">
          {t('map.syntheticNote')}
        </p>
      )}
      <button type="button" className={styles.fit} onClick={() => map?.fitBounds(bounds, FIT)}>
        {t('map.fitTerritory')}
      </button>
    </div>
  );
}
