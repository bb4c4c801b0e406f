import type { AreaFeature, AreaFeatureCollection } from '@grid/contracts';
import { canvas, type GeoJSON as GeoJSONLayer, type Layer, type Path, type PathOptions, type StyleFunction, type TooltipOptions } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { GeoJSON } from 'react-leaflet';

/** How a grid is drawn by default; the command centre shades grids by their cases instead. */
export const GRID_STYLE: PathOptions = { className: 'grid-boundary', color: '#4fb3e0', weight: 1, opacity: 0.8, fillColor: '#1d4d6e', fillOpacity: 0.3 };
const ZONE_STYLE: PathOptions = { className: 'zone-boundary', fill: false, interactive: false };

/** A grid's tooltip (its name, code and an extra line), built as DOM so that area names are never parsed as HTML. */
export function gridTooltip(area: { name: string; code: string }, extra?: string | null): HTMLElement {
  const body = document.createElement('div');
  const name = body.appendChild(document.createElement('strong'));
  name.textContent = area.name;
  const code = body.appendChild(document.createElement('div'));
  code.className = 'grid-tooltip-code';
  code.textContent = area.code;
  if (extra) body.appendChild(document.createElement('div')).textContent = extra;
  return body;
}

/** A tooltip's content as text: Leaflet parses a string as HTML, and area names come from imported files. */
function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

/** Where the grid tooltip sits: above the pointer. */
export const GRID_TOOLTIP: TooltipOptions = { className: 'grid-tooltip', direction: 'top', offset: [0, -10] };

/**
 * Above this many grids (a large territory) they are drawn on a canvas: creating and restyling thousands
 * of SVG paths takes seconds, one canvas redraw does not. Below, SVG keeps each grid a styled element.
 */
export const CANVAS_FROM = 2000;

function sameStyle(a: PathOptions | undefined, b: PathOptions): boolean {
  if (!a) return false;
  const keys = Object.keys(b) as (keyof PathOptions)[];
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
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
  // Chosen before the paths are created (Leaflet takes a path's renderer from its options when added).
  const renderer = useMemo(() => (data.features.length >= CANVAS_FROM ? canvas({ padding: 0.5 }) : undefined), [data]);
  const style = useMemo<StyleFunction>(
    () => (feature) => {
      const own = styleOf && feature ? styleOf(feature as AreaFeature) : GRID_STYLE;
      const drawn = faint ? { ...GRID_STYLE, ...own, fillOpacity: Math.min(own.fillOpacity ?? 0.3, 0.15) } : { ...GRID_STYLE, ...own };
      return renderer ? { ...drawn, renderer } : drawn;
    },
    [styleOf, faint, renderer],
  );
  // Restyle in place, and only the grids whose style changed: with 10,000 grids and live shading,
  // rewriting every path on each update would stall the wall.
  const layer = useRef<GeoJSONLayer>(null);
  const current = useRef(style);
  const applied = useRef(new WeakMap<Layer, PathOptions>());
  useEffect(() => {
    current.current = style;
    layer.current?.eachLayer((child) => {
      const next = style((child as Layer & { feature?: AreaFeature }).feature);
      if (sameStyle(applied.current.get(child), next)) return;
      applied.current.set(child, next);
      (child as Path).setStyle(next);
    });
  }, [style]);
  const initialStyle = useMemo<StyleFunction>(() => (feature) => current.current(feature), []);
  // One tooltip for the whole layer (it names the grid under the pointer), not one per grid.
  const describeLatest = useRef(describe);
  useEffect(() => {
    describeLatest.current = describe;
  });
  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.bindTooltip(
      (child) => {
        const feature = (child as Layer & { feature: AreaFeature }).feature;
        return gridTooltip(feature.properties, describeLatest.current?.(feature));
      },
      { ...GRID_TOOLTIP, sticky: true },
    );
    return () => {
      group.unbindTooltip();
    };
  }, [data]);
  return <GeoJSON ref={layer} data={data} style={initialStyle} onEachFeature={(feature, child) => applied.current.set(child, current.current(feature as AreaFeature))} />;
}

export function ZoneBoundaries({ data }: { data: AreaFeatureCollection }) {
  const bind = (feature: AreaFeature, layer: Layer) =>
    layer.bindTooltip(textElement(feature.properties.name), { permanent: true, direction: 'center', className: 'zone-label' });
  return <GeoJSON data={data} style={ZONE_STYLE} onEachFeature={(feature, layer) => bind(feature as AreaFeature, layer)} />;
}
