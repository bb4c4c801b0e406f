import type { Outlines } from '@grid/geo';
import { Bounds, DomUtil, Util, latLng, Layer, type LatLng, type LeafletEventHandlerFn, type Map as LeafletMap, type ZoomAnimEvent } from 'leaflet';
import { internalsOf } from './leaflet-internals';

/** How one area is drawn (Leaflet's path options, the ones a grid uses). */
export interface OutlineStyle {
  fillColor: string;
  fillOpacity: number;
  color: string;
  opacity: number;
  weight: number;
  /** Outlined above the others (e.g. a grid with overdue cases), where neighbours share an edge. */
  raised?: boolean;
}

/**
 * How far beyond the view the canvas reaches (a share of the view each side), so a drag shows grids before
 * the redraw. Every redraw fills all of it (four times a second under a stream of events): kept small.
 */
const PADDING = 0.15;

/** Areas per canvas path (see draw). */
const PATH_AREAS = 64;

interface Group {
  style: OutlineStyle;
  members: number[];
}

/**
 * Thousands of area outlines on one canvas, drawn from flat typed arrays: each area's vertices are
 * projected once (zoom 0), and a redraw scales, culls to the canvas and fills every area of a style in
 * one path, then strokes every outline of a stroke in one path. 10,000 grids draw in tens of
 * milliseconds; 10,000 Leaflet polygons cost seconds to build and every pan re-clips them all. Positioned
 * and zoom-animated the way Leaflet's own canvas renderer is. Styles change with setStyles (in place,
 * one redraw); hit-testing is the caller's (OutlineIndex).
 */
export class GridCanvasLayer extends Layer {
  private canvas: HTMLCanvasElement | null = null;
  private x0 = new Float64Array(0);
  private y0 = new Float64Array(0);
  /** Projected box of each area at zoom 0: minX, minY, maxX, maxY. */
  private box0 = new Float64Array(0);
  private groups: Group[] = [];
  private styles: OutlineStyle[] = [];
  private bounds: Bounds | null = null;
  private center: LatLng | null = null;
  private zoom = 0;

  constructor(
    private readonly shapes: Outlines,
    private readonly onDraw: (() => void) | null = null,
    pane = 'overlayPane',
  ) {
    super();
    // Leaflet's Layer has no initialize to take options from its constructor.
    Util.setOptions(this, { pane });
  }

  /**
   * Styles every area (called with its index) and redraws when any area's style changed. Styles are told
   * apart by identity: give the same object for the same look (a handful for 10,000 grids), and the areas
   * of one style are drawn together.
   */
  setStyles(styleAt: (area: number) => OutlineStyle): this {
    const styles: OutlineStyle[] = new Array(this.shapes.count);
    let changed = styles.length !== this.styles.length;
    const groups = new Map<OutlineStyle, Group>();
    for (let i = 0; i < styles.length; i++) {
      const style = styleAt(i);
      styles[i] = style;
      if (style !== this.styles[i]) changed = true;
      let group = groups.get(style);
      if (!group) groups.set(style, (group = { style, members: [] }));
      group.members.push(i);
    }
    this.styles = styles;
    // Raised outlines last, so a red one is not drawn over by its neighbours' blue.
    this.groups = [...groups.values()].sort((a, b) => Number(a.style.raised === true) - Number(b.style.raised === true));
    if (changed) this.draw();
    return this;
  }

  override onAdd(map: LeafletMap): this {
    this.project(map);
    const canvas = DomUtil.create('canvas', 'leaflet-zoom-animated grid-canvas');
    this.canvas = canvas;
    this.getPane()?.appendChild(canvas);
    this.update();
    return this;
  }

  override onRemove(): this {
    this.canvas?.remove();
    this.canvas = null;
    this.bounds = null;
    return this;
  }

  override getEvents(): Record<string, LeafletEventHandlerFn> {
    return { viewreset: this.reset, zoom: this.onZoom, moveend: this.update, zoomanim: this.onZoomAnim as LeafletEventHandlerFn };
  }

  private project(map: LeafletMap): void {
    const { lng, lat, bbox, count } = this.shapes;
    this.x0 = new Float64Array(lng.length);
    this.y0 = new Float64Array(lat.length);
    for (let v = 0; v < lng.length; v++) {
      const p = map.project(latLng(lat[v], lng[v]), 0);
      this.x0[v] = p.x;
      this.y0[v] = p.y;
    }
    this.box0 = new Float64Array(4 * count);
    for (let i = 0; i < count; i++) {
      // North-west and south-east corners: projected y grows southwards.
      const nw = map.project(latLng(bbox[4 * i + 3], bbox[4 * i]), 0);
      const se = map.project(latLng(bbox[4 * i + 1], bbox[4 * i + 2]), 0);
      this.box0.set([nw.x, nw.y, se.x, se.y], 4 * i);
    }
  }

  private readonly reset = () => {
    this.update();
    if (this.center) this.transform(this.center, this.zoom);
  };

  private readonly onZoom = () => this.transform(this._map.getCenter(), this._map.getZoom());

  private readonly onZoomAnim = (event: ZoomAnimEvent) => this.transform(event.center, event.zoom);

  /** During a zoom, scale and shift the canvas drawn at the last zoom, as Leaflet's renderers do. */
  private transform(center: LatLng, zoom: number): void {
    const map = this._map;
    if (!this.canvas || !this.center) return;
    const scale = map.getZoomScale(zoom, this.zoom);
    const offset = map
      .getSize()
      .multiplyBy(0.5 + PADDING)
      .multiplyBy(-scale)
      .add(map.project(this.center, zoom))
      .subtract(internalsOf(map)._getNewPixelOrigin(center, zoom));
    DomUtil.setTransform(this.canvas, offset, scale);
  }

  /** Covers the view (plus padding) at the current zoom and redraws. */
  private readonly update = () => {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas || (internalsOf(map)._animatingZoom && this.bounds)) return;
    const size = map.getSize();
    const min = map.containerPointToLayerPoint(size.multiplyBy(-PADDING)).round();
    this.bounds = new Bounds(min, min.add(size.multiplyBy(1 + 2 * PADDING)).round());
    this.center = map.getCenter();
    this.zoom = map.getZoom();
    const extent = this.bounds.getSize();
    const ratio = window.devicePixelRatio || 1;
    DomUtil.setPosition(canvas, min);
    canvas.width = Math.round(extent.x * ratio);
    canvas.height = Math.round(extent.y * ratio);
    canvas.style.width = `${extent.x}px`;
    canvas.style.height = `${extent.y}px`;
    this.draw();
  };

  private draw(): void {
    const map = this._map;
    const canvas = this.canvas;
    const bounds = this.bounds;
    const ctx = canvas?.getContext('2d');
    if (!map || !canvas || !bounds || !ctx) return;
    const ratio = canvas.width / Math.max(1, bounds.getSize().x);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const k = map.getZoomScale(this.zoom, 0);
    const origin = map.getPixelOrigin();
    const min = bounds.min ?? origin.multiplyBy(0);
    const dx = origin.x + min.x;
    const dy = origin.y + min.y;
    const { x: width, y: height } = bounds.getSize();
    const { ringStart, vertexStart } = this.shapes;
    const { x0, y0, box0 } = this;
    const visible = new Uint8Array(this.shapes.count);
    for (let i = 0; i < this.shapes.count; i++) {
      visible[i] = box0[4 * i + 2] * k - dx >= 0 && box0[4 * i] * k - dx <= width && box0[4 * i + 3] * k - dy >= 0 && box0[4 * i + 1] * k - dy <= height ? 1 : 0;
    }
    // Paths of a few dozen areas each: Chromium builds one path of 10,000 subpaths in quadratic time (a
    // second), and a path per area costs a fill call each; 64 at a time draws 10,000 in milliseconds.
    const paint = (members: number[], finish: () => void) => {
      let inPath = 0;
      ctx.beginPath();
      for (const i of members) {
        if (!visible[i]) continue;
        for (let r = ringStart[i]; r < ringStart[i + 1]; r++) {
          const first = vertexStart[r];
          ctx.moveTo(x0[first] * k - dx, y0[first] * k - dy);
          for (let v = first + 1; v < vertexStart[r + 1]; v++) ctx.lineTo(x0[v] * k - dx, y0[v] * k - dy);
          // Back to the first vertex rather than closePath(), which costs Chromium several times a lineTo.
          ctx.lineTo(x0[first] * k - dx, y0[first] * k - dy);
        }
        if (++inPath === PATH_AREAS) {
          finish();
          ctx.beginPath();
          inPath = 0;
        }
      }
      if (inPath > 0) finish();
    };
    for (const { style, members } of this.groups) {
      if (style.fillOpacity <= 0) continue;
      ctx.globalAlpha = style.fillOpacity;
      ctx.fillStyle = style.fillColor;
      paint(members, () => ctx.fill('evenodd'));
    }
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    for (const { style, members } of this.groups) {
      if (style.opacity <= 0 || style.weight <= 0) continue;
      ctx.globalAlpha = style.opacity;
      ctx.strokeStyle = style.color;
      ctx.lineWidth = style.weight;
      paint(members, () => ctx.stroke());
    }
    ctx.globalAlpha = 1;
    this.onDraw?.();
  }
}
