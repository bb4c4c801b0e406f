import type { AssessmentLevel, PublicationDto, PublicationSummary, Role } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { useApiResource } from '../../../api/use-api-resource';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import type { Period } from '../hooks/assessment-period';
import { SidePanel } from './side-panel';
import styles from './assessment-page.module.css';

const stars = (n: number | null) => (n === null ? '–' : '★'.repeat(n) + '☆'.repeat(5 - n));

/** 公示: published results, newest first; an assessor publishes the ranking on screen for notice. */
export function NoticesPanel({ level, period, canPublish, onOpen }: { level: AssessmentLevel; period: Period; canPublish: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const notices = useApiResource<PublicationSummary[]>('/api/assessment/publications');
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setError(null);
    try {
      const published = await apiRequest<PublicationDto>('/api/assessment/publications', { method: 'POST', body: { level, from: period.from, to: period.to } });
      onOpen(published.id);
    } catch (e) {
      setError(apiErrorText(e, t));
    }
  };
  return (
    <SidePanel id="notices-title" testId="notices" title={t('publicNotice.title')}>
      {canPublish && (
        <button type="button" className={`${form.button} ${form.primary} ${styles.wrap}`} onClick={() => void publish()} data-testid="notice-publish">
          {t('publicNotice.publish', { level: t(`assessment.level.${level}`), from: period.from, to: period.to })}
        </button>
      )}
      {error && <p className={form.fieldError}>{error}</p>}
      {notices.state === 'ready' && notices.data.length === 0 && <p className={styles.muted}>{t('publicNotice.none')}</p>}
      {notices.state === 'ready' && (
        <ul className={styles.caseList}>
          {notices.data.slice(0, 10).map((n) => (
            <li key={n.id} className={styles.caseItem}>
              <button type="button" className={`${styles.link} ${styles.wrap}`} onClick={() => onOpen(n.id)} data-testid="notice-open">
                {t(`assessment.level.${n.level}`)} {n.from} – {n.to}
              </button>
              <span className={styles.muted}>{n.onNotice ? t('publicNotice.until', { date: n.noticeUntil }) : t('publicNotice.ended', { date: n.noticeUntil })}</span>
            </li>
          ))}
        </ul>
      )}
    </SidePanel>
  );
}

/** One published ranking as it was published, printable: names, posts, grades and stars, the notice period. */
export function NoticeView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const notice = useApiResource<PublicationDto>(`/api/assessment/publications/${id}`);
  if (notice.state === 'loading') return <p className={styles.muted}>{t('common.loading')}</p>;
  if (notice.state === 'failed') return <p className={styles.error}>{apiErrorText(notice.error, t)}</p>;
  const n = notice.data;
  return (
    <main className={`${styles.page} ${styles.notice}`} data-testid="notice">
      <header className={styles.toolbar}>
        <h1 className={styles.title}>{t('publicNotice.heading', { level: t(`assessment.level.${n.level}`), from: n.from, to: n.to })}</h1>
        <div className={`${styles.exports} ${styles.noPrint}`}>
          <button type="button" className={form.button} onClick={onBack}>
            {t('publicNotice.back')}
          </button>
          <button type="button" className={form.button} onClick={() => window.print()}>
            {t('publicNotice.print')}
          </button>
        </div>
      </header>
      <p data-testid="notice-period">
        {n.onNotice ? t('publicNotice.openUntil', { date: n.noticeUntil }) : t('publicNotice.ended', { date: n.noticeUntil })} · {t('publicNotice.publishedBy', { by: n.publishedBy, version: n.configVersion })}
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="notice-table">
          <thead>
            <tr>
              <th scope="col">{t('assessment.column.rank')}</th>
              <th scope="col" className={styles.unitCell}>
                {t(`assessment.level.${n.level}`)}
              </th>
              {n.level === 'worker' && <th scope="col">{t('publicNotice.post')}</th>}
              <th scope="col">{t('assessment.column.grade')}</th>
              <th scope="col">{t('assessment.column.stars')}</th>
              <th scope="col">{t('assessment.column.score')}</th>
            </tr>
          </thead>
          <tbody>
            {n.rows.map((r) => (
              <tr key={`${r.rank}-${r.unitCode}`} data-bottom={r.bottom}>
                <td className={styles.num}>{r.rank}</td>
                <th scope="row" className={styles.unitCell}>
                  {r.unitName}
                  {r.bottom && <span className={styles.bottomFlag}>{t('assessment.bottom')}</span>}
                </th>
                {n.level === 'worker' && <td>{r.post ? t(`role.${r.post as Role}`) : '–'}</td>}
                <td>
                  <span className={styles.grade} data-grade={r.grade ?? 'none'}>
                    {r.grade ?? '–'}
                  </span>
                </td>
                <td className={styles.stars}>{stars(r.stars)}</td>
                <td className={styles.num}>{r.score === null ? '–' : r.score.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
