import type { LatLng } from '@grid/contracts';
import 'leaflet/dist/leaflet.css';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, useMapEvents } from 'react-leaflet';
import { ScopeGrids } from './grid-outlines';
import { MapZoom } from './map-zoom';
import './map.css';
import styles from './location-picker.module.css';

function TapToPick({ onPick }: { onPick: (point: LatLng) => void }) {
  useMapEvents({ click: (event) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }) });
  return null;
}

/** A map of the user's grids to tap a location on (no GPS, or a walk-in's address on the front desk). */
export function LocationPicker({ center, value, onPick, zoom = 15, height }: { center: LatLng; value: LatLng | null; onPick: (point: LatLng) => void; zoom?: number; height?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.picker} without-tiles`} style={height ? { height } : undefined} role="region" aria-label={t('map.pickLocation')} data-testid="location-picker">
      <MapContainer center={value ?? center} zoom={zoom} className={styles.map} attributionControl={false} zoomControl={false}>
        <MapZoom />
        <ScopeGrids />
        <TapToPick onPick={onPick} />
        {value && <CircleMarker center={value} radius={10} pathOptions={{ color: '#ffd166', weight: 3, fillColor: '#ffd166', fillOpacity: 0.5 }} />}
      </MapContainer>
      <p className={styles.hint}>{t('map.tapToPick')}</p>
    </div>
  );
}
