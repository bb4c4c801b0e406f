import type { LatLng } from '@grid/contracts';
import type { TrackPoint } from '@grid/domain';
import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Polyline, Tooltip, useMap } from 'react-leaflet';
import { ScopeGrids } from '../../../map/grid-outlines';
import { MapZoom } from '../../../map/map-zoom';
import '../../../map/map.css';
import type { RecordedVisit } from '../hooks/use-patrol-recorder';
import styles from './patrol-page.module.css';

/** Keeps the phone's position in view as it moves (MapContainer's own props are fixed after the first render). */
function Follow({ position }: { position: LatLng | null }) {
  const map = useMap();
  useEffect(() => {
    if (position && !map.getBounds().pad(-0.2).contains([position.lat, position.lng])) map.panTo([position.lat, position.lng]);
  }, [map, position]);
  return null;
}

/** The grid, the track walked so far, the visits and where the phone is now. */
export function PatrolMap({ center, position, track, visits }: { center: LatLng; position: LatLng | null; track: readonly TrackPoint[]; visits: readonly RecordedVisit[] }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.map} without-tiles`} role="region" aria-label={t('patrol.map')} data-testid="patrol-map">
      <MapContainer center={center} zoom={15} className={styles.mapInner} attributionControl={false} zoomControl={false}>
        <MapZoom />
        <ScopeGrids />
        {track.length > 1 && <Polyline positions={track.map((p) => [p.lat, p.lng] as [number, number])} pathOptions={{ color: '#ffd166', weight: 4, opacity: 0.9 }} />}
        {visits.map((v) => (
          <CircleMarker key={v.id} center={v.location} radius={6} pathOptions={{ color: v.kind === 'household' ? '#7ee787' : '#d2a8ff', weight: 2, fillOpacity: 0.7 }}>
            <Tooltip>{v.label}</Tooltip>
          </CircleMarker>
        ))}
        {position && <CircleMarker center={position} radius={8} pathOptions={{ color: '#4fb3e0', weight: 3, fillColor: '#4fb3e0', fillOpacity: 0.6 }} />}
        <Follow position={position} />
      </MapContainer>
    </div>
  );
}
