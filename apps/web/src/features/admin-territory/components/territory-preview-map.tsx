import type { AreaFeatureCollection, LatLng, TerritoryProblemDto } from '@grid/contracts';
import { geoJSON, type PathOptions } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, MapContainer, Tooltip, useMap } from 'react-leaflet';
import '../../../map/map.css';
import styles from './territory-admin.module.css';

const LEVEL_STYLE: Record<string, PathOptions> = {
  district: { color: '#e6edf3', weight: 3, fill: false },
  zone: { color: '#a3b6ca', weight: 2, fill: false },
  village: { color: '#7ee787', weight: 1.5, fill: false, dashArray: '4 4' },
  grid: { color: '#4fb3e0', weight: 1, fillColor: '#1d4d6e', fillOpacity: 0.3 },
};

type Highlight = { changed: readonly string[]; created: readonly string[] };

/** An area an edit changed, and one it made. */
const CHANGED_STYLE: PathOptions = { color: '#ffa657', weight: 3, fillColor: '#ffa657', fillOpacity: 0.25 };
const CREATED_STYLE: PathOptions = { color: '#d2a8ff', weight: 3, fillColor: '#d2a8ff', fillOpacity: 0.25 };

/** Fits the map to the import (or to the areas an edit changed) once, and flies to the chosen problem's point. */
function Focus({ areas, focus, highlight }: { areas: AreaFeatureCollection; focus: LatLng | null; highlight?: Highlight }) {
  const map = useMap();
  useEffect(() => {
    const codes = highlight ? [...highlight.changed, ...highlight.created] : [];
    const shown = codes.length ? { ...areas, features: areas.features.filter((f) => codes.includes(f.properties.code)) } : areas;
    const bounds = geoJSON(shown).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  }, [areas, highlight, map]);
  useEffect(() => {
    if (focus) map.setView(focus, 18);
  }, [focus, map]);
  return null;
}

/**
 * The imported boundaries drawn without tiles, each problem a marker at its point (the chosen one highlighted);
 * `highlight`: the codes of the areas an edit changed (orange) or made (violet), outlined and zoomed to.
 */
export function TerritoryPreviewMap({ areas, problems, focus, highlight }: { areas: AreaFeatureCollection; problems: TerritoryProblemDto[]; focus: LatLng | null; highlight?: Highlight }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.map} without-tiles`} role="region" aria-label={t('territoryAdmin.preview.map')}>
      <MapContainer center={[32.73, 108.8]} zoom={12} className={styles.mapInner} attributionControl={false}>
        <GeoJSON
          data={areas}
          style={(feature) => {
            const code = String(feature?.properties?.code);
            if (highlight?.created.includes(code)) return CREATED_STYLE;
            return highlight?.changed.includes(code) ? CHANGED_STYLE : (LEVEL_STYLE[String(feature?.properties?.level)] ?? LEVEL_STYLE['grid']);
          }}
        />
        {problems.flatMap((p, i) =>
          p.at ? (
            <CircleMarker key={i} center={p.at} radius={focus === p.at ? 10 : 6} pathOptions={{ color: p.severity === 'error' ? '#ff7b72' : '#ffd166', weight: 2, fillOpacity: 0.6 }}>
              <Tooltip>{p.message}</Tooltip>
            </CircleMarker>
          ) : [],
        )}
        <Focus areas={areas} focus={focus} highlight={highlight} />
      </MapContainer>
    </div>
  );
}
