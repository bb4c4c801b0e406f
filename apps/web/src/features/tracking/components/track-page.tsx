import type { CaseStatus, PublicCaseView } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiRequestError } from '../../../api/api-request-error';
import { useApiResource } from '../../../api/use-api-resource';
import { usePublicConfig } from '../../../api/public-config';
import { LanguageSwitch } from '../../shell/components/language-switch';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import styles from './track-page.module.css';

/** The closed loop as a resident sees it (DESIGN §1): received, registered, in hand, handled, closed. */
const STEPS = ['received', 'registered', 'handling', 'handled', 'closed'] as const;
type Step = (typeof STEPS)[number];

function stepOf(status: CaseStatus): Step | 'ended' {
  switch (status) {
    case 'reported':
      return 'received';
    case 'registered':
      return 'registered';
    case 'dispatched':
    case 'accepted':
    case 'in_progress':
      return 'handling';
    case 'handled':
    case 'verified':
      return 'handled';
    case 'closed':
      return 'closed';
    default:
      return 'ended';
  }
}

/** `/track/:token`: a resident follows their request without an account. No personal data is shown. */
export function TrackPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const config = usePublicConfig();
  const view = useApiResource<PublicCaseView>(`/api/public/cases/${encodeURIComponent(token)}`, { authenticated: false });
  const words = useTimeWords();

  return (
    <main className={styles.page}>
      <header className={styles.top}>
        <p className={styles.brand}>
          {t('app.productName')}
          {config && <span className={styles.territory}> · {config.territoryName}</span>}
        </p>
        <LanguageSwitch compact />
      </header>
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
            <Steps status={view.data.status} />
            <ol className={styles.timeline}>
              {[...view.data.timeline].reverse().map((e) => (
                <li key={`${e.at}-${e.kind}`}>
                  <span className={styles.when}>{words.at(e.at)}</span>
                  <span>{e.kind === 'main_case_closed' ? t('eventKind.main_case_closed') : t(`status.${e.toStatus}`)}</span>
                </li>
              ))}
            </ol>
            <p className={styles.muted}>{t('track.reported', { at: words.at(view.data.reportedAt) })}</p>
          </>
        )}
      </section>
    </main>
  );
}

function Steps({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  const current = stepOf(status);
  if (current === 'ended') return <p className={styles.ended}>{t(`track.ended.${status === 'rejected' ? 'rejected' : 'cancelled'}`)}</p>;
  const reached = STEPS.indexOf(current);
  return (
    <ol className={styles.steps} aria-label={t('track.progress')}>
      {STEPS.map((step, i) => (
        <li key={step} className={styles.step} data-state={i < reached ? 'done' : i === reached ? 'current' : 'todo'}>
          <span className={styles.stepDot} aria-hidden="true" />
          {t(`track.steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}
