import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import type { AreaFeature, AreaFeatureCollection, BoundaryGeometry } from '@grid/contracts';
import { geoJSON, type PathOptions, type Polygon as LeafletPolygon, type Polyline } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, MapContainer, useMap } from 'react-leaflet';
import '../../../map/map.css';
import styles from './territory-admin.module.css';

/** What a click or a drag on the map does: choose the grid, move its vertices, draw a line across it, choose its neighbour. */
export type EditMode = 'select' | 'move' | 'split' | 'merge';

const GRID: PathOptions = { color: '#4fb3e0', weight: 1, fillColor: '#1d4d6e', fillOpacity: 0.3, dashArray: undefined };
const SELECTED: PathOptions = { color: '#ffa657', weight: 3, fillColor: '#ffa657', fillOpacity: 0.3, dashArray: undefined };
/** The chosen grid's boundary before the edit, under the one being edited. */
const BEFORE: PathOptions = { color: '#ffa657', weight: 2, fillOpacity: 0, dashArray: '6 6' };
const OTHER: PathOptions = { color: '#d2a8ff', weight: 3, fillColor: '#d2a8ff', fillOpacity: 0.3, dashArray: undefined };
const VILLAGE: PathOptions = { color: '#7ee787', weight: 1.5, fill: false, dashArray: '4 4', interactive: false };
const EDITED: PathOptions = { color: '#ffa657', weight: 3, fillColor: '#ffa657', fillOpacity: 0.15 };
const LINE: PathOptions = { color: '#ff7b72', weight: 3 };

export interface TerritoryEditMapProps {
  grids: AreaFeatureCollection;
  villages: AreaFeatureCollection | undefined;
  selected: AreaFeature | null;
  other: string | null;
  mode: EditMode;
  /** Starts the vertex editing or the line drawing afresh when it changes. */
  attempt: number;
  /** geoman's own hints (place a vertex, finish the line) in this language. */
  language: 'zh' | 'en';
  onPick: (code: string) => void;
  onBoundary: (boundary: BoundaryGeometry) => void;
  onLine: (line: number[][]) => void;
}

/**
 * The current grids without tiles (click one to choose it), with leaflet-geoman's vertex editing of the chosen
 * grid (`move`, snapping to its neighbours' vertices) or its line drawing (`split`). Render only once
 * useGeoman() is ready: the editing hooks into the map as it is made.
 */
export function TerritoryEditMap(props: TerritoryEditMapProps) {
  const { t } = useTranslation();
  const { grids, villages, selected, other, mode, onPick } = props;
  const pick = useRef(onPick);
  pick.current = onPick;
  const code = selected?.properties.code ?? null;
  const style = useCallback(
    (feature?: { properties?: { code?: string } }): PathOptions => {
      const at = feature?.properties?.code;
      if (at === code) return mode === 'move' ? BEFORE : SELECTED;
      return at === other ? OTHER : GRID;
    },
    [code, other, mode],
  );
  return (
    <div className={`${styles.map} without-tiles`} role="region" aria-label={t('territoryAdmin.edit.map')}>
      <MapContainer center={[32.73, 108.8]} zoom={12} className={styles.mapInner} attributionControl={false} doubleClickZoom={false}>
        <GeoJSON
          data={grids}
          style={style}
          onEachFeature={(feature, layer) => layer.on('click', () => pick.current(String(feature.properties?.code)))}
        />
        {villages && <GeoJSON data={villages} style={VILLAGE} />}
        <FitTo grids={grids} selected={selected} />
        <Language language={props.language} />
        {mode === 'move' && selected && <VertexEditor key={`${code}-${props.attempt}`} feature={selected} onBoundary={props.onBoundary} />}
        {mode === 'split' && selected && <LineDrawer key={`${code}-${props.attempt}`} onLine={props.onLine} />}
      </MapContainer>
    </div>
  );
}

/** The whole territory first; the chosen grid and its neighbours once one is chosen. */
function FitTo({ grids, selected }: { grids: AreaFeatureCollection; selected: AreaFeature | null }) {
  const map = useMap();
  useEffect(() => {
    const bounds = geoJSON(selected ?? grids).getBounds();
    if (bounds.isValid()) map.fitBounds(selected ? bounds.pad(0.6) : bounds, { padding: [12, 12] });
  }, [grids, selected, map]);
  return null;
}

function Language({ language }: { language: 'zh' | 'en' }) {
  const map = useMap();
  useEffect(() => map.pm.setLang(language), [language, map]);
  return null;
}

/** A copy of the chosen grid whose vertices can be dragged (and added, from the middle markers); each change is reported. */
function VertexEditor({ feature, onBoundary }: { feature: AreaFeature; onBoundary: (boundary: BoundaryGeometry) => void }) {
  const map = useMap();
  const report = useRef(onBoundary);
  report.current = onBoundary;
  useEffect(() => {
    const layer = geoJSON(feature.geometry, { style: () => EDITED }).getLayers()[0] as LeafletPolygon;
    layer.addTo(map);
    layer.pm.enable({ allowSelfIntersection: false, snappable: true, snapDistance: 12 });
    const changed = () => report.current(layer.toGeoJSON().geometry as BoundaryGeometry);
    layer.on('pm:edit', changed);
    return () => {
      layer.off('pm:edit', changed);
      layer.pm.disable();
      layer.remove();
    };
  }, [feature, map]);
  return null;
}

/** geoman's line drawing: click points across the grid, click the last one again to finish. */
function LineDrawer({ onLine }: { onLine: (line: number[][]) => void }) {
  const map = useMap();
  const report = useRef(onLine);
  report.current = onLine;
  useEffect(() => {
    let drawn: Polyline | null = null;
    const created = (e: { layer: unknown }) => {
      drawn = e.layer as Polyline;
      report.current((drawn.toGeoJSON().geometry as { coordinates: number[][] }).coordinates);
    };
    map.on('pm:create', created);
    map.pm.enableDraw('Line', { snappable: false, templineStyle: LINE, hintlineStyle: { ...LINE, dashArray: '4 4' }, pathOptions: LINE });
    return () => {
      map.off('pm:create', created);
      map.pm.disableDraw();
      drawn?.remove();
    };
  }, [map]);
  return null;
}
