import type { CaseSummary } from '@grid/contracts';
import type { LatLngTuple, Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Popup, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { mayUse } from '../../../app/navigation';
import { useCaseDetail } from '../../../cases/use-cases';
import { useCategories } from '../../../cases/use-reference-data';
import { DueTime, PriorityBadge, SlaBadge, StatusBadge } from '../../case-view/components/case-badges';
import type { ClustersMessage } from '../hooks/map-worker-protocol';
import { CaseMarkersLayer, type MarkerItem } from './case-markers-layer';

/** Set when the first full load of cases is drawn (the benchmark measures up to it). */
export const CASES_DRAWN_MARK = 'command-map:cases-drawn';

function viewOf(map: LeafletMap): { bbox: [number, number, number, number]; zoom: number } {
  const bounds = map.getBounds();
  return { bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom: Math.round(map.getZoom()) };
}

export interface CaseClustersProps {
  clusters: ClustersMessage | null;
  /** Tells the worker the view whose clusters to answer. */
  onView: (bbox: [number, number, number, number], zoom: number) => void;
  gridName: (id: string) => string;
}

/**
 * Cases as clustered markers: a case is a dot coloured by SLA state and sized by priority; a cluster
 * shows how many and takes the colour of its worst case; clicking it zooms into it, clicking a case
 * opens its popup. The worker clusters (map-cases.worker.ts); this draws the markers of the view.
 */
export function CaseClusters({ clusters, onView, gridName }: CaseClustersProps) {
  const map = useMap();
  const [picked, setPicked] = useState<{ id: string; at: LatLngTuple } | null>(null);
  const layer = useMemo(
    () =>
      new CaseMarkersLayer((item: MarkerItem) => {
        if (item.kind === 'cluster') map.flyTo([item.lat, item.lng], Math.min(item.expansionZoom, 18), { duration: 0.5 });
        else setPicked({ id: item.id, at: [item.lat, item.lng] });
      }),
    [map],
  );

  useEffect(() => {
    layer.addTo(map);
    const { bbox, zoom } = viewOf(map);
    onView(bbox, zoom);
    return () => {
      layer.remove();
    };
  }, [map, layer, onView]);

  useMapEvents({
    moveend: () => {
      const { bbox, zoom } = viewOf(map);
      onView(bbox, zoom);
    },
  });

  useEffect(() => {
    if (!clusters) return;
    layer.setItems(clusters.items);
    if (!clusters.loaded || performance.getEntriesByName(CASES_DRAWN_MARK).length) return;
    performance.mark(CASES_DRAWN_MARK);
    map.getContainer().dataset['casesDrawn'] = String(clusters.cases);
  }, [clusters, layer, map]);

  if (!picked) return null;
  return (
    <Popup key={picked.id} position={picked.at} className="case-popup" eventHandlers={{ remove: () => setPicked(null) }}>
      <CasePopupLoader id={picked.id} gridName={gridName} />
    </Popup>
  );
}

/** The map holds only where and how a case looks: its popup reads the case when opened. */
function CasePopupLoader({ id, gridName }: { id: string; gridName: (id: string) => string }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(id);
  if (detail.data) return <CasePopup summary={detail.data} gridName={gridName} />;
  return <div className="case-popup-body">{detail.error ? t('map.casesFailed', { message: detail.error.message }) : t('map.loading')}</div>;
}

function CasePopup({ summary, gridName }: { summary: CaseSummary; gridName: (id: string) => string }) {
  const { t } = useTranslation();
  const categories = useCategories();
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
        {gridName(summary.gridId)} · <DueTime summary={summary} />
      </div>
      {session && mayUse(session.user.role, 'desk') && <Link to={`/desk/${summary.id}`}>{t('map.openCase')}</Link>}
    </div>
  );
}
