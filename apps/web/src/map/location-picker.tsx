import type { LatLng } from '@grid/contracts';
import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, useMap, useMapEvents } from 'react-leaflet';
import { ScopeGrids } from './grid-outlines';
import { MapZoom } from './map-zoom';
import './map.css';
import styles from './location-picker.module.css';

function TapToPick({ onPick }: { onPick: (point: LatLng) => void }) {
  useMapEvents({ click: (event) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }) });
  return null;
}

/** Moves the map to `to` whenever it changes (the map's own props are fixed after the first render). */
function Follow({ to, zoom }: { to: LatLng | null; zoom: number }) {
  const map = useMap();
  const lat = to?.lat;
  const lng = to?.lng;
  useEffect(() => {
    if (lat !== undefined && lng !== undefined) map.setView([lat, lng], Math.max(map.getZoom(), zoom));
  }, [map, lat, lng, zoom]);
  return null;
}

/** A map of the user's grids to tap a location on (no GPS, or a walk-in's address on the front desk). */
export function LocationPicker({
  center,
  value,
  onPick,
  zoom = 15,
  height,
  follow = null,
}: {
  center: LatLng;
  value: LatLng | null;
  onPick: (point: LatLng) => void;
  zoom?: number;
  height?: string;
  /** A place chosen elsewhere (the front desk's village): the map goes there. */
  follow?: LatLng | null;
}) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.picker} without-tiles`} style={height ? { height } : undefined} role="region" aria-label={t('map.pickLocation')} data-testid="location-picker">
      <MapContainer center={value ?? center} zoom={zoom} className={styles.map} attributionControl={false} zoomControl={false}>
        <MapZoom />
        <ScopeGrids />
        <TapToPick onPick={onPick} />
        <Follow to={follow} zoom={15} />
        {value && <CircleMarker center={value} radius={10} pathOptions={{ color: '#ffd166', weight: 3, fillColor: '#ffd166', fillOpacity: 0.5 }} />}
      </MapContainer>
      <p className={styles.hint}>{t('map.tapToPick')}</p>
    </div>
  );
}
