import type { AreaFeature, AreaFeatureCollection } from '@grid/contracts';
import { OutlineIndex, outlineRings } from '@grid/geo';
import { type LatLngExpression, type PathOptions, polygon, tooltip } from 'leaflet';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import { CANVAS_FROM, GRID_STYLE, GRID_TOOLTIP, GridBoundaries, gridTooltip } from './boundary-layers';
import { GridCanvasLayer, type OutlineStyle } from './grid-canvas-layer';
import { type AreaOutlines, useAreaOutlines } from './use-area-outlines';

/** A Leaflet pane for the grid canvas under the overlay pane (400), so zones and the hovered grid draw above it. */
const CANVAS_PANE = 'gridCanvas';

export interface GridOutlinesProps {
  outlines: AreaOutlines;
  /**
   * Style per grid (by its index in the outlines) over GRID_STYLE; changing it restyles in place. Give the
   * same object for the same style: the canvas tells styles apart by identity.
   */
  styleOf?: (index: number) => PathOptions & { raised?: boolean };
  /** An extra tooltip line per grid, read when the tooltip opens. */
  describe?: (index: number) => string | null;
  /** Tiles underneath: keep the fill faint so the base map shows through. */
  faint?: boolean;
  /** Called once the grids are first on screen. */
  onDrawn?: () => void;
}

/** A grid's drawn style: GRID_STYLE under the caller's, faint over tiles. */
function drawnStyle(own: PathOptions, faint: boolean): PathOptions {
  const style = { ...GRID_STYLE, ...own };
  return faint ? { ...style, fillOpacity: Math.min(own.fillOpacity ?? 0.3, 0.15) } : style;
}

/**
 * The grids of a territory from their compact outlines: as SVG paths (one styled, hoverable element per
 * grid) for a few hundred, on one canvas for thousands (see GridCanvasLayer).
 */
export function GridOutlines(props: GridOutlinesProps) {
  return props.outlines.ids.length >= CANVAS_FROM ? <GridCanvas {...props} /> : <GridPaths {...props} />;
}

/** The caller's grids under a small map (a case's place, a location to pick, a patrol), from the outlines shared for the session. */
export function ScopeGrids() {
  const grids = useAreaOutlines('grid');
  return grids.state === 'ready' ? <GridOutlines outlines={grids.data} /> : null;
}

function GridPaths({ outlines, styleOf, describe, faint = false, onDrawn }: GridOutlinesProps) {
  const data = useMemo<AreaFeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: outlines.ids.map((id, i) => ({
        type: 'Feature',
        id,
        // Every ring in one polygon: Leaflet fills it even-odd, as the outlines mean.
        geometry: { type: 'Polygon', coordinates: outlineRings(outlines.shapes, i).map((ring) => [...ring, ring[0]]) },
        properties: { id, code: outlines.codes[i], name: outlines.names[i], level: outlines.level, parentId: outlines.parents[outlines.parent[i]]?.id ?? null },
      })),
    }),
    [outlines],
  );
  const indexOf = (feature: AreaFeature) => outlines.indexOf.get(feature.id) ?? -1;
  const style = useCallback((feature: AreaFeature) => (styleOf ? styleOf(indexOf(feature)) : GRID_STYLE), [styleOf, outlines]); // eslint-disable-line react-hooks/exhaustive-deps
  const extra = useCallback((feature: AreaFeature) => describe?.(indexOf(feature)) ?? null, [describe, outlines]); // eslint-disable-line react-hooks/exhaustive-deps
  const drawn = useRef(onDrawn);
  useEffect(() => drawn.current?.(), []);
  return <GridBoundaries data={data} styleOf={style} describe={extra} faint={faint} />;
}

function GridCanvas({ outlines, styleOf, describe, faint = false, onDrawn }: GridOutlinesProps) {
  const map = useMap();
  const drawn = useRef(onDrawn);
  const layer = useMemo(() => {
    let first = true;
    return new GridCanvasLayer(
      outlines.shapes,
      () => {
        if (first) drawn.current?.();
        first = false;
      },
      CANVAS_PANE,
    );
  }, [outlines]);

  // Styled before it is added, so the first draw is the right one; one drawn style per style given.
  const drawnStyles = useMemo(() => new WeakMap<object, OutlineStyle>(), [faint]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    layer.setStyles((i) => {
      const given: PathOptions & { raised?: boolean } = styleOf?.(i) ?? GRID_STYLE;
      let style = drawnStyles.get(given);
      if (!style) {
        const { raised, ...own } = given;
        const s = drawnStyle(own, faint);
        style = { fillColor: s.fillColor ?? '', fillOpacity: s.fillOpacity ?? 0, color: s.color ?? '', opacity: s.opacity ?? 1, weight: s.weight ?? 1, raised };
        drawnStyles.set(given, style);
      }
      return style;
    });
  }, [layer, styleOf, faint, drawnStyles]);

  useEffect(() => {
    if (!map.getPane(CANVAS_PANE)) map.createPane(CANVAS_PANE).style.zIndex = '390';
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, layer]);

  // One tooltip and one highlighted outline for the grid under the pointer.
  const index = useMemo(() => OutlineIndex.build(outlines.shapes), [outlines]);
  const hover = useMemo(() => ({ tip: tooltip(GRID_TOOLTIP), outline: polygon([], { className: 'grid-hover', interactive: false }), area: -1 }), []);
  const describeLatest = useRef(describe);
  const styleLatest = useRef(styleOf);
  useEffect(() => {
    describeLatest.current = describe;
    styleLatest.current = styleOf;
  });
  const leave = useCallback(() => {
    hover.area = -1;
    map.closeTooltip(hover.tip);
    hover.outline.remove();
  }, [map, hover]);
  useEffect(() => leave, [leave, outlines]);
  useMapEvents({
    mousemove(event) {
      // Not while the map is dragged: the pointer is moving the map, not pointing at a grid.
      if ((map.dragging as { moving?: () => boolean } | undefined)?.moving?.()) return leave();
      const area = index.locate(event.latlng.lng, event.latlng.lat);
      if (area < 0) return leave();
      if (area !== hover.area) {
        hover.area = area;
        hover.tip.setContent(gridTooltip({ name: outlines.names[area], code: outlines.codes[area] }, describeLatest.current?.(area)));
        const own = drawnStyle(styleLatest.current?.(area) ?? {}, faint);
        hover.outline.setLatLngs(outlineRings(outlines.shapes, area).map((ring) => ring.map(([lng, lat]): LatLngExpression => [lat, lng])));
        hover.outline.setStyle({ ...own, weight: 2.5, opacity: 1, fillOpacity: 0.3 });
        if (!map.hasLayer(hover.outline)) hover.outline.addTo(map);
      }
      hover.tip.setLatLng(event.latlng);
      if (!map.hasLayer(hover.tip)) map.openTooltip(hover.tip);
    },
    mouseout: leave,
  });
  return null;
}
