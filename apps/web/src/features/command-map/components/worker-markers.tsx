import { CircleMarker, Tooltip } from 'react-leaflet';
import { useWorkerPositions } from '../../../realtime/realtime-events';
import { useNow } from '../../case-view/hooks/use-now';
import { useTimeWords } from '../../case-view/hooks/use-time-words';

/** Grid workers' phones, as the live channel reports them (throttled by the server). */
export function WorkerMarkers() {
  const positions = useWorkerPositions();
  const now = useNow();
  const words = useTimeWords();
  return (
    <>
      {[...positions.values()].map((p) => (
        <CircleMarker
          key={p.userId}
          center={[p.lat, p.lng]}
          radius={6}
          className="worker-marker"
          pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#7c5cff', fillOpacity: 0.95 }}
        >
          <Tooltip direction="top" offset={[0, -6]}>
            {p.displayName} · {words.ago(p.at, now)}
          </Tooltip>
        </CircleMarker>
      ))}
    </>
  );
}
