import type { AreaFeature, AreaFeatureCollection } from '@grid/contracts';
import type { Layer, PathOptions, StyleFunction } from 'leaflet';
import { useMemo } from 'react';
import { GeoJSON } from 'react-leaflet';

/** How a grid is drawn by default; the command centre shades grids by their cases instead. */
export const GRID_STYLE: PathOptions = { className: 'grid-boundary', color: '#4fb3e0', weight: 1, opacity: 0.8, fillColor: '#1d4d6e', fillOpacity: 0.3 };
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

export interface GridBoundariesProps {
  data: AreaFeatureCollection;
  /** Style per grid (e.g. shaded by open cases); GRID_STYLE when absent. Changing it restyles in place. */
  styleOf?: (feature: AreaFeature) => PathOptions;
  /** Extra tooltip lines per grid, read when the tooltip opens. */
  describe?: (feature: AreaFeature) => string | null;
  /** Tiles underneath: keep the fill faint so the base map shows through. */
  faint?: boolean;
}

export function GridBoundaries({ data, styleOf, describe, faint = false }: GridBoundariesProps) {
  const style = useMemo<StyleFunction>(
    () => (feature) => {
      const own = styleOf && feature ? styleOf(feature as AreaFeature) : GRID_STYLE;
      return faint ? { ...GRID_STYLE, ...own, fillOpacity: Math.min(own.fillOpacity ?? 0.3, 0.15) } : { ...GRID_STYLE, ...own };
    },
    [styleOf, faint],
  );
  const bind = (feature: AreaFeature, layer: Layer) =>
    layer.bindTooltip(
      () => {
        const body = gridTooltip(feature);
        const extra = describe?.(feature);
        if (extra) body.appendChild(document.createElement('div')).textContent = extra;
        return body;
      },
      { sticky: true, className: 'grid-tooltip', direction: 'top', offset: [0, -10] },
    );
  return <GeoJSON data={data} style={style} onEachFeature={(feature, layer) => bind(feature as AreaFeature, layer)} />;
}

export function ZoneBoundaries({ data }: { data: AreaFeatureCollection }) {
  const bind = (feature: AreaFeature, layer: Layer) =>
    layer.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'zone-label' });
  return <GeoJSON data={data} style={ZONE_STYLE} onEachFeature={(feature, layer) => bind(feature as AreaFeature, layer)} />;
}
