import type { AreaFeature, AreaFeatureCollection } from '@grid/contracts';
import type { Layer, PathOptions } from 'leaflet';
import { GeoJSON } from 'react-leaflet';

// Colours, widths and hover live in map.css: CSS overrides the SVG attributes Leaflet writes.
const GRID_STYLE: PathOptions = { className: 'grid-boundary' };
const ZONE_STYLE: PathOptions = { className: 'zone-boundary', fill: false, interactive: false };

/** A tooltip body built as DOM, so area names are never parsed as HTML. */
function gridTooltip(feature: AreaFeature): HTMLElement {
  const body = document.createElement('div');
  const name = body.appendChild(document.createElement('strong'));
  name.textContent = feature.properties.name;
  const code = body.appendChild(document.createElement('div'));
  code.className = 'grid-tooltip-code';
  code.textContent = feature.properties.code;
  return body;
}

export function GridBoundaries({ data }: { data: AreaFeatureCollection }) {
  const bind = (feature: AreaFeature, layer: Layer) =>
    layer.bindTooltip(gridTooltip(feature), { sticky: true, className: 'grid-tooltip', direction: 'top', offset: [0, -10] });
  return <GeoJSON data={data} style={GRID_STYLE} onEachFeature={(feature, layer) => bind(feature as AreaFeature, layer)} />;
}

export function ZoneBoundaries({ data }: { data: AreaFeatureCollection }) {
  const bind = (feature: AreaFeature, layer: Layer) =>
    layer.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'zone-label' });
  return <GeoJSON data={data} style={ZONE_STYLE} onEachFeature={(feature, layer) => bind(feature as AreaFeature, layer)} />;
}
