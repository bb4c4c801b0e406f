import { DISPATCH_RULE_NAMES, type AttachmentDto, type CaseDetail, type CaseEventDto, type DispatchRuleName, type HandlingUnitDto, type SlaClockDto } from '@grid/contracts';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevelLabel } from '../../../api/public-config';
import { useAreas, useCategories, useDepartments, useUserName } from '../../../cases/use-reference-data';
import { useNow } from '../hooks/use-now';
import { useTimeWords } from '../hooks/use-time-words';
import { AuthImage } from './auth-image';
import { RecurrenceNote } from '../../analysis/components/recurrence-note';
import { HotlineOrderPanel } from './hotline-order-panel';
import { NotificationLogPanel, PublicPhotoToggle } from './resident-panel';
import { PriorityBadge, SlaBadge, StatusBadge } from './case-badges';
import styles from './case-detail-view.module.css';

// Leaflet loads only when a case is opened.
const CaseLocationMap = lazy(() => import('./case-location-map').then((m) => ({ default: m.CaseLocationMap })));

export interface CaseDetailViewProps {
  detail: CaseDetail;
  /** The action buttons, shown right under the description. */
  actions?: ReactNode;
  /** Extra lines under the header (e.g. "waiting to send"). */
  notice?: ReactNode;
  /** Leave out the map (the phone shows it on demand). */
  showMap?: boolean;
}

/** One case in full: what, where, who, its clocks, photos and timeline. */
export function CaseDetailView({ detail, actions, notice, showMap = true }: CaseDetailViewProps) {
  const { t } = useTranslation();
  const categories = useCategories();
  const areas = useAreas();
  const userName = useUserName();
  const now = useNow();
  const words = useTimeWords();
  const unitName = useUnitName();
  // The district is everyone's root: the path starts below it, and at the areas this user knows.
  const path = [...detail.areaPath, detail.gridId].filter((id, i, all) => all.indexOf(id) === i && areas.byId.has(id) && areas.byId.get(id)?.level !== 'district');

  return (
    <article className={styles.detail} data-testid="case-detail" data-case-code={detail.code}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h2 className={styles.code}>{detail.code}</h2>
          <StatusBadge status={detail.status} />
          <SlaBadge state={detail.slaState} suspended={detail.suspended} />
          <PriorityBadge priority={detail.priority} />
        </div>
        <p className={styles.category}>
          {categories.name(detail.categoryCode)}{' '}
          <span className={styles.muted} data-testid="case-category-version">
            · {t('responsibilityList.caseVersion', { version: detail.categoryVersion })}
          </span>
        </p>
        <p className={styles.sub}>
          {t(`source.${detail.source}`)} · {words.at(detail.reportedAt)} ({words.ago(detail.reportedAt, now)})
        </p>
      </header>
      {notice}
      <RecurrenceNote recurrence={detail.recurrence} />
      <p className={styles.description}>{detail.description || <span className={styles.muted}>{t('caseView.noDescription')}</span>}</p>
      <PendingRequests detail={detail} />
      {actions}
      <dl className={styles.meta}>
        <Meta label={t('caseView.address')}>
          {/* Without an address (a worker's photo report), the village and grid say where; the coordinates follow. */}
          <span data-testid="case-place">
            {detail.address || [...path].slice(-2).map((id) => areas.name(id)).join(' ') || null}
            <span className={styles.muted}>
              {detail.address || path.length ? ' · ' : ''}
              {detail.location.lat.toFixed(5)}, {detail.location.lng.toFixed(5)}
            </span>
          </span>
        </Meta>
        <Meta label={t('caseView.area')}>{path.map((id) => areas.name(id)).join(' › ')}</Meta>
        <Meta label={t('caseView.unit')}>{detail.unit ? unitName(detail.unit) : t('caseView.noUnit')}</Meta>
        <Meta label={t('caseView.assignee')}>{userName(detail.assigneeId) ?? (detail.assigneeId ? t('caseView.someone') : t('common.none'))}</Meta>
        {(detail.reporterName || detail.reporterPhone) && (
          <Meta label={t('caseView.reporter')}>{[detail.reporterName, detail.reporterPhone].filter(Boolean).join(' · ')}</Meta>
        )}
        {detail.residentMediaUrl && /^https?:\/\//i.test(detail.residentMediaUrl) && (
          <Meta label={t('caseView.residentMedia')}>
            <a className={styles.link} href={detail.residentMediaUrl} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer" title={t('caseView.residentMediaTitle')}>
              {detail.residentMediaUrl}
            </a>
          </Meta>
        )}
        {detail.verifierId && <Meta label={t('dispatch.verifier')}>{userName(detail.verifierId) ?? t('caseView.someone')}</Meta>}
        {detail.rating !== null && <Meta label={t('caseView.rating')}>{'★'.repeat(detail.rating)}</Meta>}
      </dl>
      {detail.coHandlers.length > 0 && <CoHandlers detail={detail} />}
      {detail.source === 'hotline' && <HotlineOrderPanel caseId={detail.id} />}
      {detail.clocks.length > 0 && <Clocks clocks={detail.clocks} />}
      <Photos caseId={detail.id} attachments={detail.attachments} />
      {(detail.reporterPhone || detail.source === 'open311' || detail.source === 'hotline' || detail.source === 'front_desk') && <NotificationLogPanel caseId={detail.id} />}
      {showMap && (
        <Suspense fallback={<div className={styles.map} />}>
          <CaseLocationMap location={detail.location} attachments={detail.attachments} />
        </Suspense>
      )}
      <Timeline events={detail.timeline} />
    </article>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.metaRow}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The name of a handling unit: the area's name with its level, or the department's. */
export function useUnitName(): (unit: HandlingUnitDto) => string {
  const areas = useAreas();
  const departments = useDepartments();
  const levelLabel = useLevelLabel();
  return (unit) => {
    if (unit.level === 'department') return departments.name(unit.departmentId);
    const name = areas.name(unit.areaId);
    const label = levelLabel(unit.level);
    return name.endsWith(label) ? name : `${name} · ${label}`;
  };
}

function PendingRequests({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const items = [
    detail.pendingExtension && t('caseView.pendingExtension', { hours: detail.pendingExtension.hours, reason: detail.pendingExtension.reason }),
    detail.pendingSuspension && t('caseView.pendingSuspension', { reason: detail.pendingSuspension.reason }),
    detail.mergedInto && t('caseView.mergedInto'),
    detail.duplicateCandidateIds.length > 0 && t('caseView.duplicates', { count: detail.duplicateCandidateIds.length }),
  ].filter((x): x is string => Boolean(x));
  if (items.length === 0) return null;
  return (
    <ul className={styles.pending}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function CoHandlers({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const userName = useUserName();
  const now = useNow();
  const words = useTimeWords();
  return (
    <section className={styles.section}>
      <h3 className={styles.sectionTitle}>{t('caseView.coHandlers')}</h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t('dispatch.department')}</th>
            <th>{t('whistle.kind')}</th>
            <th>{t('caseView.coStatus')}</th>
            <th>{t('caseView.reportInDue')}</th>
            <th>{t('caseView.handleDue')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.coHandlers.map((c) => (
            <tr key={c.departmentId}>
              <td>
                {departments.name(c.departmentId)}
                {c.lead && <span className={styles.lead}>{t('whistle.lead')}</span>}
                {c.assigneeId && (
                  <>
                    <br />
                    <small data-testid="co-handler-on-duty">{t('rota.coHandlerOnDuty', { name: userName(c.assigneeId) ?? '…' })}</small>
                  </>
                )}
              </td>
              <td>{t(`whistleKind.${c.whistleKind}`)}</td>
              <td>{t(`coHandlerStatus.${c.status}`)}</td>
              <td>{c.status === 'summoned' && c.reportInDueAt ? words.due(c.reportInDueAt, now) : '–'}</td>
              <td>{c.status !== 'completed' && c.handleDueAt ? words.due(c.handleDueAt, now) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Clocks({ clocks }: { clocks: SlaClockDto[] }) {
  const { t } = useTranslation();
  return (
    <section className={styles.section}>
      <h3 className={styles.sectionTitle}>{t('caseView.clocks')}</h3>
      <ul className={styles.clocks}>
        {clocks.map((clock) => (
          <li key={clock.clock} className={styles.clock} data-sla={clock.state} data-clock={clock.clock} data-phase={clock.phase} data-due={clock.dueAt ?? ''}>
            <span className={styles.clockName} title={t(`clockView.limit.${clock.kind}`, { count: clock.limitHours })}>
              {t(`clock.${clock.clock}`)}
            </span>
            <span className={styles.bar} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clock.usedFraction * 100)} aria-label={t(`clock.${clock.clock}`)}>
              <span style={{ width: `${Math.min(100, clock.usedFraction * 100)}%` }} />
            </span>
            <span className={styles.clockDue} data-testid="clock-words">
              <ClockWords clock={clock} />
            </span>
            {clock.phase === 'running' && (
              <span className={styles.clockLimit} data-testid="clock-limit">
                {t(`clockView.limit.${clock.kind}`, { count: clock.limitHours })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A step done says when and whether in time; a suspended one that it waits; a running one how much is used and when it is due. */
function ClockWords({ clock }: { clock: SlaClockDto }) {
  const { t } = useTranslation();
  const words = useTimeWords();
  if (clock.phase === 'stopped') return <>{t(clock.state === 'overdue' ? 'clockView.doneLate' : 'clockView.done', { at: clock.stoppedAt ? words.at(clock.stoppedAt) : '' })}</>;
  if (clock.phase === 'paused') return <>{t('clockView.paused')}</>;
  if (!clock.dueAt) return <>–</>;
  return <>{t('clockView.running', { percent: Math.round(clock.usedFraction * 100), at: words.at(clock.dueAt) })}</>;
}

function Photos({ caseId, attachments }: { caseId: string; attachments: AttachmentDto[] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<AttachmentDto | null>(null);
  const images = attachments.filter((a) => a.mime.startsWith('image/'));
  return (
    <section className={styles.section}>
      <h3 className={styles.sectionTitle}>{t('photos.title')}</h3>
      {images.length === 0 ? (
        <p className={styles.muted}>{t('photos.none')}</p>
      ) : (
        <ul className={styles.photos}>
          {images.map((a) => (
            <li key={a.id}>
              <button type="button" className={styles.photo} data-far={a.farFromCase} onClick={() => setShown(a)} data-testid="case-photo">
                <AuthImage src={a.thumbnailUrl ?? a.url} alt={t(`purpose.${a.purpose}`)} />
                <span className={styles.photoLabel}>{t(`purpose.${a.purpose}`)}</span>
              </button>
              {a.farFromCase && a.distanceFromCaseM !== null && <p className={styles.far}>{t('photos.farFromCase', { meters: Math.round(a.distanceFromCaseM) })}</p>}
              {a.purpose === 'result' && <PublicPhotoToggle caseId={caseId} photo={a} />}
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <div className={styles.lightbox} role="dialog" aria-modal="true" aria-label={t(`purpose.${shown.purpose}`)} onClick={() => setShown(null)}>
          <AuthImage src={shown.url} alt={t(`purpose.${shown.purpose}`)} />
          <button type="button" className={styles.lightboxClose} onClick={() => setShown(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
    </section>
  );
}

const isDispatchRule = (rule: unknown): rule is DispatchRuleName => (DISPATCH_RULE_NAMES as readonly unknown[]).includes(rule);

function Timeline({ events }: { events: CaseEventDto[] }) {
  const { t } = useTranslation();
  const words = useTimeWords();
  const newestFirst = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <section className={styles.section}>
      <h3 className={styles.sectionTitle}>{t('caseView.timeline')}</h3>
      <ol className={styles.timeline} data-testid="case-timeline">
        {newestFirst.map((e) => (
          <li key={e.seq} className={styles.event} data-kind={e.kind}>
            <span className={styles.eventTime}>{words.at(e.at)}</span>
            <span className={styles.eventWhat}>
              <strong>{t(`eventKind.${e.kind}`)}</strong>
              {e.actorName && <span className={styles.muted}> · {e.actorName}</span>}
              {e.note && <span className={styles.eventNote}>{e.note}</span>}
              {e.kind === 'dispatched' && isDispatchRule(e.data['rule']) && (
                <span className={styles.eventNote} data-testid="dispatch-rule">
                  {t(`rota.rule.${e.data['rule']}`)}
                </span>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
