import { PUBLIC_STEPS, type PublicCaseView, type PublicStep } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiRequestError } from '../../../api/api-request-error';
import { useApiResource } from '../../../api/use-api-resource';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { NotificationsLine, RateForm, ReopenForm } from './resident-forms';
import form from '../../../ui/form.module.css';
import { PublicHeader } from './public-header';
import styles from './track-page.module.css';

/** The closed loop as a resident sees it (DESIGN §1): received, registered, in hand, handled, closed. */
const STEPS = PUBLIC_STEPS.filter((s): s is Exclude<PublicStep, 'ended'> => s !== 'ended');

/**
 * `/track/:token`: a resident follows their request without an account (issue 18): the step in plain words, the
 * promised time, and once closed the result and its public photos, a rating and, within 7 days, a reopening. A
 * follower (someone who followed this case instead of reporting it again) sees the same without rating or reopening.
 * No personal data is shown.
 */
export function TrackPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const path = `/api/public/cases/${encodeURIComponent(token)}`;
  const view = useApiResource<PublicCaseView>(path, { authenticated: false });
  const words = useTimeWords();

  return (
    <main className={styles.page}>
      <PublicHeader />
      <section className={styles.card} aria-labelledby="track-title" data-testid="track">
        <h1 id="track-title" className={styles.title}>
          {t('track.title')}
        </h1>
        {view.state === 'loading' && <p className={styles.muted}>{t('common.loading')}</p>}
        {view.state === 'failed' && (
          <p className={styles.muted} role="alert">
            {view.error instanceof ApiRequestError && view.error.status === 404 ? t('track.notFound') : t('track.failed')}
          </p>
        )}
        {view.state === 'ready' && (
          <>
            <p className={styles.code} data-testid="track-code">
              {view.data.code}
            </p>
            <p className={styles.category}>{i18n.language === 'en' ? view.data.categoryNameEn : view.data.categoryName}</p>
            <p className={styles.status} data-testid="track-status">
              {t(`status.${view.data.status}`)}
            </p>
            <Steps step={view.data.step} status={view.data.status} />
            <p className={styles.stepWords} data-testid="track-step" data-step={view.data.step}>
              {t(`residents.stepWords.${view.data.step}`)}
            </p>
            {view.data.promisedAt && view.data.step !== 'ended' && (
              <p className={styles.promise} data-testid="track-promise" data-missed={view.data.promiseMissed}>
                {t('residents.promised', { at: words.at(view.data.promisedAt) })}
                {view.data.promiseMissed && <span className={styles.missed}> {t('residents.promiseMissed')}</span>}
              </p>
            )}
            {view.data.following && <p className={form.notice}>{t('residents.follower')}</p>}
            {view.data.question && (
              <div className={`${form.notice} ${styles.question}`} data-testid="track-question">
                <strong>{t('residents.question')}</strong> {view.data.question}
                <p className={styles.muted}>{t('residents.questionHint')}</p>
              </div>
            )}
            <Result view={view.data} />
            {!view.data.following && <RateForm path={path} view={view.data} />}
            {!view.data.following && view.data.reopenUntil && <ReopenForm path={path} until={view.data.reopenUntil} />}
            <ol className={styles.timeline}>
              {[...view.data.timeline].reverse().map((e) => (
                <li key={`${e.at}-${e.kind}`}>
                  <span className={styles.when}>{words.at(e.at)}</span>
                  <span>{e.kind === 'main_case_closed' || e.kind === 'reopened' ? t(`eventKind.${e.kind}`) : t(`status.${e.toStatus}`)}</span>
                </li>
              ))}
            </ol>
            <p className={styles.muted}>{t('track.reported', { at: words.at(view.data.reportedAt) })}</p>
            <NotificationsLine path={path} view={view.data} />
          </>
        )}
      </section>
    </main>
  );
}

function Result({ view }: { view: PublicCaseView }) {
  const { t } = useTranslation();
  if (view.status !== 'closed' || (!view.result && view.photos.length === 0)) return null;
  return (
    <section className={styles.result} data-testid="track-result" aria-labelledby="track-result-title">
      <h2 id="track-result-title" className={styles.subTitle}>
        {t('residents.result')}
      </h2>
      {view.result && <p className={styles.resultText}>{view.result}</p>}
      {view.photos.length > 0 && (
        <ul className={styles.photos} aria-label={t('residents.photos')}>
          {view.photos.map((p, i) => (
            <li key={p.id}>
              <a href={p.url} target="_blank" rel="noreferrer">
                <img src={p.thumbnailUrl ?? p.url} alt={t('residents.photoAlt', { n: i + 1 })} data-testid="track-photo" loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Steps({ step, status }: { step: PublicStep; status: PublicCaseView['status'] }) {
  const { t } = useTranslation();
  if (step === 'ended') return <p className={styles.ended}>{t(`track.ended.${status === 'rejected' ? 'rejected' : 'cancelled'}`)}</p>;
  const reached = STEPS.indexOf(step);
  return (
    <ol className={styles.steps} aria-label={t('track.progress')}>
      {STEPS.map((s, i) => (
        <li key={s} className={styles.step} data-state={i < reached ? 'done' : i === reached ? 'current' : 'todo'}>
          <span className={styles.stepDot} aria-hidden="true" />
          {t(`track.steps.${s}`)}
        </li>
      ))}
    </ol>
  );
}
