import type { AreaDto, PatrolListResponse, SessionUser } from '@grid/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../../api/use-api-resource';
import { useSession } from '../../../api/session-store';
import { useOutbox } from '../../../outbox/outbox';
import { useNow } from '../../case-view/hooks/use-now';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { useGeolocation } from '../../tasks/hooks/use-geolocation';
import { usePositionReporting } from '../../tasks/hooks/use-position-reporting';
import { OutboxPanel } from '../../tasks/components/outbox-panel';
import { usePatrolRecorder } from '../hooks/use-patrol-recorder';
import { PatrolMap } from './patrol-map';
import { VisitSheet } from './visit-sheet';
import styles from './patrol-page.module.css';

/** h:mm:ss of a duration. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const km = (metres: number) => (metres / 1000).toFixed(2);

/** The field worker's patrol (巡查): start and stop, live distance and time, the track on the map, visits; works offline. */
export function PatrolPage() {
  const session = useSession();
  return session ? <SignedInPatrol user={session.user} /> : null;
}

function SignedInPatrol({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const geo = useGeolocation(true);
  usePositionReporting(geo.position);
  const outbox = useOutbox();
  const recorder = usePatrolRecorder(user.id, geo.position);
  const now = useNow(1_000);
  const area = useApiResource<AreaDto>(user.areaId ? `/api/areas/${user.areaId}` : null);
  const centre = area.state === 'ready' ? area.data.centroid : null;
  const [visiting, setVisiting] = useState(false);
  const active = recorder.session;

  return (
    <main className={styles.page}>
      <OutboxPanel items={outbox} />
      <section className={styles.status} data-state={active ? 'on' : 'off'} data-testid="patrol-status">
        <div className={styles.figures}>
          <Figure label={t('patrol.distance')} value={km(recorder.distanceMeters)} testId="patrol-distance" />
          <Figure label={t('patrol.duration')} value={active ? clock(now - Date.parse(active.startedAt)) : '0:00:00'} testId="patrol-duration" />
          <Figure label={t('patrol.visits')} value={String(active?.visits.length ?? 0)} testId="patrol-visits" />
        </div>
        {geo.problem && <p className={styles.problem}>{t(`patrol.gps.${geo.problem}`)}</p>}
        {!geo.problem && !geo.position && <p className={styles.hint}>{t('patrol.gps.waiting')}</p>}
        <div className={styles.buttons}>
          {active ? (
            <>
              <button type="button" className={styles.visit} onClick={() => setVisiting(true)} disabled={!geo.position && active.points.length === 0} data-testid="patrol-visit">
                {t('patrol.recordVisit')}
              </button>
              <button type="button" className={styles.stop} onClick={recorder.stop} data-testid="patrol-stop">
                {t('patrol.stop')}
              </button>
            </>
          ) : (
            <button type="button" className={styles.start} onClick={recorder.start} disabled={!geo.position} data-testid="patrol-start">
              {t('patrol.start')}
            </button>
          )}
        </div>
      </section>
      {(geo.position ?? centre) && (
        <PatrolMap center={geo.position ?? centre ?? { lat: 0, lng: 0 }} position={geo.position} track={recorder.track} visits={active?.visits ?? []} />
      )}
      {active && active.visits.length > 0 && (
        <ol className={styles.visitList} data-testid="patrol-visit-list">
          {active.visits.map((v) => (
            <li key={v.id}>
              <span className={styles.visitKind} data-kind={v.kind}>
                {t(`patrol.kind.${v.kind}`)}
              </span>{' '}
              {v.label}
            </li>
          ))}
        </ol>
      )}
      {/* Again when the outbox has sent something: the end of a patrol reaches the server after the tap (or after a valley). */}
      <RecentPatrols refreshKey={`${active?.id ?? 'none'}:${outbox.length}`} />
      {visiting && (
        <VisitSheet
          onClose={() => setVisiting(false)}
          onSave={(kind, label) => {
            recorder.recordVisit(kind, label);
            setVisiting(false);
          }}
        />
      )}
    </main>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className={styles.figure}>
      <span className={styles.figureValue} data-testid={testId}>
        {value}
      </span>
      <span className={styles.figureLabel}>{label}</span>
    </div>
  );
}

/** The worker's last patrols as the server has them (reloaded when a patrol starts or stops, and when the outbox sends). */
function RecentPatrols({ refreshKey }: { refreshKey: string }) {
  const { t } = useTranslation();
  const words = useTimeWords();
  const recent = useApiResource<PatrolListResponse>('/api/patrols?workerId=me&pageSize=10');
  const { reload } = recent;
  useEffect(reload, [refreshKey, reload]);
  if (recent.state !== 'ready' || recent.data.items.length === 0) return null;
  return (
    <section className={styles.recent}>
      <h2 className={styles.recentTitle}>{t('patrol.recent')}</h2>
      <ul className={styles.recentList} data-testid="patrol-recent">
        {recent.data.items.map((p) => (
          <li key={p.id} className={styles.recentItem}>
            <span>{words.at(p.startedAt)}</span>
            <span>{p.endedAt ? clock(Date.parse(p.endedAt) - Date.parse(p.startedAt)) : t('patrol.ongoing')}</span>
            <span>{km(p.distanceMeters)} km</span>
            <span>{t('patrol.visitCount', { count: p.visitCount })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
