import type { AttachmentDto, LatLng } from '@grid/contracts';
import 'leaflet/dist/leaflet.css';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Tooltip } from 'react-leaflet';
import { ScopeGrids } from '../../../map/grid-outlines';
import { MapZoom } from '../../../map/map-zoom';
import '../../../map/map.css';
import styles from './case-detail-view.module.css';

/** A small map of where the case is, its grid around it, and where its photos were taken. */
export function CaseLocationMap({ location, attachments }: { location: LatLng; attachments: AttachmentDto[] }) {
  const { t } = useTranslation();
  const photoSpots = attachments.filter((a): a is AttachmentDto & { location: LatLng } => a.location !== null);
  return (
    <div className={`${styles.map} without-tiles`} role="region" aria-label={t('caseView.map')}>
      <MapContainer center={location} zoom={15} className={styles.mapInner} attributionControl={false} zoomControl={false} scrollWheelZoom={false}>
        <MapZoom />
        <ScopeGrids />
        {photoSpots.map((a) => (
          <CircleMarker key={a.id} center={a.location} radius={5} pathOptions={{ color: a.farFromCase ? '#ff7b72' : '#a3b6ca', weight: 2, fillOpacity: 0.6 }}>
            <Tooltip>{t(`purpose.${a.purpose}`)}</Tooltip>
          </CircleMarker>
        ))}
        <CircleMarker center={location} radius={9} pathOptions={{ color: '#ffd166', weight: 3, fillColor: '#ffd166', fillOpacity: 0.5 }} />
      </MapContainer>
    </div>
  );
}
