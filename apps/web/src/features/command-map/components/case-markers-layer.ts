import { DomEvent, DomUtil, Util, Layer, type LeafletEventHandlerFn, point, type ZoomAnimEvent } from 'leaflet';
import type { ClusterItem, PointItem } from '../hooks/map-worker-protocol';
import { internalsOf } from '../../../map/leaflet-internals';

export type MarkerItem = PointItem | ClusterItem;

const SLA_RANK = { on_time: 0, warning: 1, overdue: 2 } as const;
const PRIORITY_RANK = { normal: 0, urgent: 1, emergency: 2 } as const;

interface Look {
  /** case-marker or case-cluster, with its inner span's class. */
  kind: 'case-marker' | 'case-cluster';
  size: number;
  /** The inner span's data attributes (class names and numbers, never user data). */
  data: Record<string, string>;
  label: string;
  /** Worse cases drawn above better ones. */
  rank: number;
}

const INNER = { 'case-marker': 'case-dot', 'case-cluster': 'case-cluster-body' } as const;

/** What an item looks like: the same classes and attributes as the div icons the wall used before. */
function lookOf(item: MarkerItem): Look {
  if (item.kind === 'point') {
    const size = item.priority === 'emergency' ? 26 : item.priority === 'urgent' ? 22 : 18;
    return { kind: 'case-marker', size, data: { sla: item.sla, priority: item.priority }, label: '', rank: SLA_RANK[item.sla] * 10 + PRIORITY_RANK[item.priority] };
  }
  const worst = item.overdue > 0 ? 'overdue' : item.warning > 0 ? 'warning' : 'on_time';
  const size = item.count < 10 ? 34 : item.count < 100 ? 42 : item.count < 1000 ? 50 : 58;
  const label = item.count >= 10_000 ? `${Math.round(item.count / 1000)}k` : String(item.count);
  return { kind: 'case-cluster', size, data: { sla: worst, emergency: String(item.emergency > 0) }, label, rank: 0 };
}

/** Makes `element` look as `look` says, touching only what differs from `before` (no HTML parsed, no animation restarted). */
function applyLook(element: HTMLDivElement, look: Look, before: Look | undefined): void {
  let inner = element.firstElementChild as HTMLSpanElement | null;
  if (!inner || before?.kind !== look.kind) {
    element.className = `leaflet-marker-icon leaflet-interactive ${look.kind}`;
    inner = document.createElement('span');
    inner.className = INNER[look.kind];
    element.replaceChildren(inner);
    before = undefined;
  }
  for (const [name, value] of Object.entries(look.data)) if (before?.data[name] !== value) inner.dataset[name] = value;
  if (before?.label !== look.label) inner.textContent = look.label;
  if (before?.size !== look.size) {
    const size = `${look.size}px`;
    const margin = `${-look.size / 2}px`;
    Object.assign(element.style, { width: size, height: size, marginLeft: margin, marginTop: margin });
  }
}

/**
 * The cases and clusters of the view as plain elements in the marker pane, looking exactly like the
 * div-icon markers they replace (same classes and attributes), but kept in a pool: a new answer from the worker
 * moves and relabels the elements it has, by place in the answer, instead of creating a Leaflet marker
 * and a React component for each of a thousand. Placed by left/top, not by a transform each: a thousand
 * transforms make the browser re-layer the page at every frame (milliseconds each); during a zoom the
 * whole set is scaled at once, as the grid canvas is. One listener takes the clicks of all.
 */
export class CaseMarkersLayer extends Layer {
  private container: HTMLDivElement | null = null;
  private items: MarkerItem[] = [];
  private readonly elements: HTMLDivElement[] = [];
  private readonly looks: Look[] = [];
  /** Where each element was last placed (x, y and rank), to leave unmoved ones untouched. */
  private readonly placed: string[] = [];

  constructor(private readonly onPick: (item: MarkerItem) => void) {
    super();
    // Leaflet's Layer has no initialize to take options from its constructor.
    Util.setOptions(this, { pane: 'markerPane' });
  }

  setItems(items: MarkerItem[]): this {
    this.items = items;
    this.render();
    return this;
  }

  override onAdd(): this {
    const container = DomUtil.create('div', 'case-markers leaflet-zoom-animated');
    container.addEventListener('click', this.click);
    container.addEventListener('keydown', this.key);
    this.container = container;
    this.getPane()?.appendChild(container);
    this.render();
    return this;
  }

  override onRemove(): this {
    this.container?.remove();
    this.container = null;
    this.elements.length = 0;
    this.looks.length = 0;
    this.placed.length = 0;
    return this;
  }

  override getEvents(): Record<string, LeafletEventHandlerFn> {
    return { zoom: this.place, viewreset: this.place, zoomanim: this.animate as LeafletEventHandlerFn };
  }

  private render(): void {
    const container = this.container;
    if (!container || !this._map) return;
    const { items, elements, looks } = this;
    for (let i = 0; i < items.length; i++) {
      let element = elements[i];
      if (!element) {
        element = document.createElement('div');
        element.tabIndex = 0;
        element.setAttribute('role', 'button');
        element.dataset['i'] = String(i);
        container.appendChild(element);
        elements[i] = element;
      }
      const look = lookOf(items[i]);
      applyLook(element, look, looks[i]);
      looks[i] = look;
    }
    for (let i = items.length; i < elements.length; i++) elements[i].remove();
    elements.length = items.length;
    looks.length = items.length;
    this.placed.length = Math.min(this.placed.length, items.length);
    this.place();
  }

  private readonly place = () => {
    const map = this._map;
    if (!map || !this.container) return;
    DomUtil.setTransform(this.container, point(0, 0), 1);
    this.items.forEach((item, i) => {
      const p = map.latLngToLayerPoint([item.lat, item.lng]).round();
      // Most markers of a new answer stand where they stood: write only what moved.
      const at = `${p.x},${p.y},${this.looks[i].rank}`;
      if (this.placed[i] === at) return;
      this.placed[i] = at;
      const style = this.elements[i].style;
      style.left = `${p.x}px`;
      style.top = `${p.y}px`;
      style.zIndex = String(p.y + this.looks[i].rank * 100);
    });
  };

  /** During a zoom animation the set scales and slides with the map (Leaflet's CSS transition), then is placed anew. */
  private readonly animate = (event: ZoomAnimEvent) => {
    const map = this._map;
    if (!this.container) return;
    const scale = map.getZoomScale(event.zoom, map.getZoom());
    const offset = map.getPixelOrigin().multiplyBy(scale).subtract(internalsOf(map)._getNewPixelOrigin(event.center, event.zoom));
    DomUtil.setTransform(this.container, offset, scale);
  };

  private pick(event: Event): void {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-i]');
    const item = target ? this.items[Number(target.dataset['i'])] : undefined;
    if (!item) return;
    // The map must not take this click too (it would close the popup that opens).
    DomEvent.stopPropagation(event);
    this.onPick(item);
  }

  private readonly click = (event: MouseEvent) => {
    // The end of a drag that started on a marker is no click (Map.Drag's moved(), missing from the types).
    if ((this._map?.dragging as { moved?: () => boolean } | undefined)?.moved?.()) return;
    this.pick(event);
  };

  private readonly key = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') this.pick(event);
  };
}
