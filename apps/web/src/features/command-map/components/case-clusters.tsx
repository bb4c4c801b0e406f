import type { CaseSummary, Priority, SlaState } from '@grid/contracts';
import { divIcon, type DivIcon, type Map as LeafletMap } from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { mayUse } from '../../../app/navigation';
import { useCaseDetail } from '../../../cases/use-cases';
import { useAreas, useCategories } from '../../../cases/use-reference-data';
import { DueTime, PriorityBadge, SlaBadge, StatusBadge } from '../../case-view/components/case-badges';
import type { MapCase } from '../hooks/map-case-store';
import type { ClustersMessage, LoadMessage, ViewMessage } from './cluster-protocol';

interface ClusterLook {
  overdue: number;
  warning: number;
  emergency: number;
}

const SLA_RANK: Record<SlaState, number> = { on_time: 0, warning: 1, overdue: 2 };
const PRIORITY_RANK: Record<Priority, number> = { normal: 0, urgent: 1, emergency: 2 };
/** Set when the first full load of cases is drawn (the benchmark measures up to it). */
export const CASES_DRAWN_MARK = 'command-map:cases-drawn';

// Icons hold only class names and a number (never data from users), and are shared between markers.
const icons = new Map<string, DivIcon>();
function iconFor(key: string, make: () => DivIcon): DivIcon {
  let icon = icons.get(key);
  if (!icon) {
    icon = make();
    icons.set(key, icon);
  }
  return icon;
}

function caseIcon(sla: SlaState, priority: Priority): DivIcon {
  const size = priority === 'emergency' ? 26 : priority === 'urgent' ? 22 : 18;
  return iconFor(`case:${sla}:${priority}`, () =>
    divIcon({ className: 'case-marker', html: `<span class="case-dot" data-sla="${sla}" data-priority="${priority}"></span>`, iconSize: [size, size] }),
  );
}

function clusterIcon(count: number, look: ClusterLook): DivIcon {
  const worst: SlaState = look.overdue > 0 ? 'overdue' : look.warning > 0 ? 'warning' : 'on_time';
  const size = count < 10 ? 34 : count < 100 ? 42 : count < 1000 ? 50 : 58;
  const label = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
  return iconFor(`cluster:${label}:${worst}:${look.emergency > 0}`, () =>
    divIcon({
      className: 'case-cluster',
      html: `<span class="case-cluster-body" data-sla="${worst}" data-emergency="${look.emergency > 0}">${label}</span>`,
      iconSize: [size, size],
    }),
  );
}

function viewOf(map: LeafletMap): ViewMessage {
  const bounds = map.getBounds();
  return { type: 'view', bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom: Math.round(map.getZoom()) };
}

/** The set as the worker takes it: columns in typed arrays, handed over without copying. */
function loadMessage(version: number, cases: MapCase[]): LoadMessage {
  const n = cases.length;
  const message: LoadMessage = { type: 'load', version, lng: new Float64Array(n), lat: new Float64Array(n), sla: new Uint8Array(n), priority: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const c = cases[i];
    message.lng[i] = c.lng;
    message.lat[i] = c.lat;
    message.sla[i] = SLA_RANK[c.slaState];
    message.priority[i] = PRIORITY_RANK[c.priority];
  }
  return message;
}

/**
 * Cases as clustered markers: a case is a dot coloured by SLA state and sized by priority; a cluster
 * shows how many and takes the colour of its worst case; clicking it zooms into it. Clustering runs
 * in a worker (supercluster), so that re-clustering 100,000 cases as live events arrive never blocks
 * the wall; only the markers of the current view are drawn. `loaded`: `cases` is the full first load.
 */
export function CaseClusters({ cases, loaded }: { cases: MapCase[]; loaded: boolean }) {
  const map = useMap();
  const worker = useRef<Worker | null>(null);
  const sets = useRef(new Map<number, MapCase[]>());
  const nextVersion = useRef(0);
  const firstFull = useRef<number | null>(null);
  const [drawn, setDrawn] = useState<ClustersMessage | null>(null);

  useEffect(() => {
    const w = new Worker(new URL('./case-cluster.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<ClustersMessage>) => {
      // Sets older than the one drawn are no longer needed to name its points.
      for (const version of sets.current.keys()) if (version < event.data.version) sets.current.delete(version);
      setDrawn(event.data);
    };
    worker.current = w;
    w.postMessage(viewOf(map));
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [map]);

  useEffect(() => {
    const version = nextVersion.current++;
    if (loaded && firstFull.current === null) firstFull.current = version;
    sets.current.set(version, cases);
    const message = loadMessage(version, cases);
    worker.current?.postMessage(message, [message.lng.buffer, message.lat.buffer, message.sla.buffer, message.priority.buffer]);
  }, [cases, loaded]);

  useMapEvents({ moveend: () => worker.current?.postMessage(viewOf(map)) });

  useEffect(() => {
    if (!drawn || firstFull.current === null || drawn.version < firstFull.current) return;
    if (performance.getEntriesByName(CASES_DRAWN_MARK).length) return;
    performance.mark(CASES_DRAWN_MARK);
    map.getContainer().dataset['casesDrawn'] = String(sets.current.get(drawn.version)?.length ?? 0);
  }, [drawn, map]);

  const shown = drawn ? sets.current.get(drawn.version) : undefined;
  if (!drawn || !shown) return null;
  return (
    <>
      {drawn.items.map((item, i) => {
        if (item.kind === 'cluster') {
          // Keyed by place in the answer, not by cluster id (which changes whenever the set does): a
          // redraw moves and relabels the markers it has instead of replacing them all.
          return (
            <Marker
              key={`cluster-${i}`}
              position={[item.lat, item.lng]}
              icon={clusterIcon(item.count, item)}
              eventHandlers={{ click: () => map.flyTo([item.lat, item.lng], Math.min(item.expansionZoom, 18), { duration: 0.5 }) }}
            />
          );
        }
        const c = shown[item.index];
        // Worse cases drawn above better ones.
        const rank = SLA_RANK[c.slaState] * 10 + PRIORITY_RANK[c.priority];
        return (
          <Marker key={c.id} position={[c.lat, c.lng]} icon={caseIcon(c.slaState, c.priority)} zIndexOffset={rank * 100}>
            <Popup className="case-popup">
              <CasePopupLoader id={c.id} />
            </Popup>
          </Marker>
        );
      })}
    </>
  );
}

/** The map holds only where and how a case looks: its popup reads the case when opened. */
function CasePopupLoader({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(id);
  if (detail.data) return <CasePopup summary={detail.data} />;
  return <div className="case-popup-body">{detail.error ? t('map.casesFailed', { message: detail.error.message }) : t('map.loading')}</div>;
}

function CasePopup({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const areas = useAreas();
  const session = useSession();
  return (
    <div className="case-popup-body" data-testid="case-popup">
      <strong className="case-popup-code">{summary.code}</strong>
      <div>{categories.name(summary.categoryCode)}</div>
      <div className="case-popup-badges">
        <StatusBadge status={summary.status} />
        <SlaBadge state={summary.slaState} suspended={summary.suspended} />
        <PriorityBadge priority={summary.priority} />
      </div>
      {summary.description && <p className="case-popup-text">{summary.description}</p>}
      <div className="case-popup-meta">
        {areas.name(summary.gridId)} · <DueTime summary={summary} />
      </div>
      {session && mayUse(session.user.role, 'desk') && <Link to={`/desk/${summary.id}`}>{t('map.openCase')}</Link>}
    </div>
  );
}
