import type { CaseSummary, Priority, SlaState } from '@grid/contracts';
import { divIcon, type DivIcon, type LatLngBounds } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router-dom';
import Supercluster from 'supercluster';
import { useSession } from '../../../api/session-store';
import { mayUse } from '../../../app/navigation';
import { useAreas, useCategories } from '../../../cases/use-reference-data';
import { DueTime, PriorityBadge, SlaBadge, StatusBadge } from '../../case-view/components/case-badges';

interface PointProps {
  id: string;
  sla: SlaState;
  priority: Priority;
}
interface ClusterProps {
  overdue: number;
  warning: number;
  emergency: number;
}

const SLA_RANK: Record<SlaState, number> = { on_time: 0, warning: 1, overdue: 2 };

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

function clusterIcon(count: number, props: ClusterProps): DivIcon {
  const worst: SlaState = props.overdue > 0 ? 'overdue' : props.warning > 0 ? 'warning' : 'on_time';
  const size = count < 10 ? 34 : count < 100 ? 42 : count < 1000 ? 50 : 58;
  const label = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
  return iconFor(`cluster:${label}:${worst}:${props.emergency > 0}`, () =>
    divIcon({
      className: 'case-cluster',
      html: `<span class="case-cluster-body" data-sla="${worst}" data-emergency="${props.emergency > 0}">${label}</span>`,
      iconSize: [size, size],
    }),
  );
}

function viewOf(bounds: LatLngBounds, zoom: number) {
  return { bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] as [number, number, number, number], zoom: Math.round(zoom) };
}

/**
 * Cases as clustered markers (supercluster): a case is a dot coloured by SLA state and sized by priority;
 * a cluster shows how many and takes the colour of its worst case. Clicking a cluster zooms into it.
 */
export function CaseClusters({ cases }: { cases: CaseSummary[] }) {
  const map = useMap();
  const [view, setView] = useState(() => viewOf(map.getBounds(), map.getZoom()));
  useMapEvents({ moveend: () => setView(viewOf(map.getBounds(), map.getZoom())) });
  // The map may have been resized (panel, full screen) before the first move.
  useEffect(() => setView(viewOf(map.getBounds(), map.getZoom())), [map]);

  const index = useMemo(() => {
    const cluster = new Supercluster<PointProps, ClusterProps>({
      radius: 56,
      maxZoom: 17,
      map: (p) => ({ overdue: p.sla === 'overdue' ? 1 : 0, warning: p.sla === 'warning' ? 1 : 0, emergency: p.priority === 'emergency' ? 1 : 0 }),
      reduce: (total, p) => {
        total.overdue += p.overdue;
        total.warning += p.warning;
        total.emergency += p.emergency;
      },
    });
    cluster.load(
      cases.map((c) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [c.location.lng, c.location.lat] },
        properties: { id: c.id, sla: c.slaState, priority: c.priority },
      })),
    );
    return cluster;
  }, [cases]);
  const byId = useMemo(() => new Map(cases.map((c) => [c.id, c])), [cases]);
  const features = index.getClusters(view.bbox, view.zoom);

  return (
    <>
      {features.map((feature) => {
        const [lng, lat] = feature.geometry.coordinates;
        if ('cluster' in feature.properties && feature.properties.cluster) {
          const { cluster_id: clusterId, point_count: count } = feature.properties;
          return (
            <Marker
              key={`cluster-${clusterId}`}
              position={[lat, lng]}
              icon={clusterIcon(count, feature.properties)}
              eventHandlers={{ click: () => map.flyTo([lat, lng], Math.min(index.getClusterExpansionZoom(clusterId), 18), { duration: 0.5 }) }}
            />
          );
        }
        const c = byId.get((feature.properties as PointProps).id);
        if (!c) return null;
        // Worse cases drawn above better ones.
        const rank = SLA_RANK[c.slaState] * 10 + (c.priority === 'emergency' ? 2 : c.priority === 'urgent' ? 1 : 0);
        return (
          <Marker key={c.id} position={[lat, lng]} icon={caseIcon(c.slaState, c.priority)} zIndexOffset={rank * 100}>
            <Popup className="case-popup">
              <CasePopup summary={c} />
            </Popup>
          </Marker>
        );
      })}
    </>
  );
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
