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

/** Fits the map to the import once, and flies to the chosen problem's point. */
function Focus({ areas, focus }: { areas: AreaFeatureCollection; focus: LatLng | null }) {
  const map = useMap();
  useEffect(() => {
    const bounds = geoJSON(areas).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  }, [areas, map]);
  useEffect(() => {
    if (focus) map.setView(focus, 18);
  }, [focus, map]);
  return null;
}

/** The imported boundaries drawn without tiles, each problem a marker at its point (the chosen one highlighted). */
export function TerritoryPreviewMap({ areas, problems, focus }: { areas: AreaFeatureCollection; problems: TerritoryProblemDto[]; focus: LatLng | null }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.map} without-tiles`} role="region" aria-label={t('territoryAdmin.preview.map')}>
      <MapContainer center={[32.73, 108.8]} zoom={12} className={styles.mapInner} attributionControl={false}>
        <GeoJSON data={areas} style={(feature) => LEVEL_STYLE[String(feature?.properties?.level)] ?? LEVEL_STYLE['grid']} />
        {problems.flatMap((p, i) =>
          p.at ? (
            <CircleMarker key={i} center={p.at} radius={focus === p.at ? 10 : 6} pathOptions={{ color: p.severity === 'error' ? '#ff7b72' : '#ffd166', weight: 2, fillOpacity: 0.6 }}>
              <Tooltip>{p.message}</Tooltip>
            </CircleMarker>
          ) : [],
        )}
        <Focus areas={areas} focus={focus} />
      </MapContainer>
    </div>
  );
}
