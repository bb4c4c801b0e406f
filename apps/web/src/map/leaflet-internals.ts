import type { LatLng, Map as LeafletMap, Point } from 'leaflet';

/** Leaflet's own internals our layers lean on, as its renderers do (pinned Leaflet 1.9). */
interface MapInternals {
  _animatingZoom?: boolean;
  _getNewPixelOrigin(center: LatLng, zoom: number): Point;
}

/** The map with the internals a custom layer needs for zoom animations. */
export function internalsOf(map: LeafletMap): MapInternals {
  return map as unknown as MapInternals;
}
