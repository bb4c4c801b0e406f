import { useTranslation } from 'react-i18next';
import { ZoomControl } from 'react-leaflet';

/** Leaflet's +/− buttons with titles in the user's language (give the map `zoomControl={false}`). */
export function MapZoom() {
  const { t, i18n } = useTranslation();
  // Keyed by language: the control's titles are fixed when it is added to the map.
  return <ZoomControl key={i18n.language} position="topleft" zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />;
}
