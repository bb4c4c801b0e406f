import type { PublicCaseView, PublicRatingRequest, PublicReopenRequest, StopNotificationsResponse } from '@grid/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import styles from './track-page.module.css';

/** Sends a resident's request and puts the case's new view into the page's cache. */
function useResidentPost(path: string): { busy: boolean; error: string | null; send: (suffix: string, body?: unknown) => Promise<boolean> } {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (suffix: string, body?: unknown): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const answer = await apiRequest<PublicCaseView | StopNotificationsResponse>(`${path}/${suffix}`, { method: 'POST', body, authenticated: false });
      if ('code' in answer) client.setQueryData(['api', path], answer);
      else await client.invalidateQueries({ queryKey: ['api', path] });
      return true;
    } catch (e) {
      setError(apiErrorText(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, send };
}

const SCORES = [1, 2, 3, 4, 5] as const;
type Score = (typeof SCORES)[number];

/** Satisfaction 1–5 with an optional comment, once, after the case is closed; afterwards the rating given. */
export function RateForm({ path, view }: { path: string; view: PublicCaseView }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<Score | null>(null);
  const [comment, setComment] = useState('');
  const post = useResidentPost(path);
  if (view.rating) {
    return (
      <p className={form.notice} data-testid="track-rated">
        {t('residents.rate.done', { score: view.rating.score })} {'★'.repeat(view.rating.score)}
      </p>
    );
  }
  if (!view.canRate) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (score === null) return;
    const body: PublicRatingRequest = { score, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    void post.send('rating', body);
  };
  return (
    <form className={styles.residentForm} onSubmit={submit} data-testid="track-rate">
      <fieldset className={styles.stars}>
        <legend className={styles.subTitle}>{t('residents.rate.title')}</legend>
        {SCORES.map((n) => (
          <label key={n} className={styles.star} data-checked={score !== null && n <= score}>
            <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} aria-label={t(`residents.rate.scoreWords.${n}`)} />
            <span aria-hidden="true">★</span>
          </label>
        ))}
        <span className={styles.muted}>{score !== null ? t(`residents.rate.scoreWords.${score}`) : t('residents.rate.legend')}</span>
      </fieldset>
      <label className={form.field}>
        <span className={form.label}>{t('residents.rate.comment')}</span>
        <textarea className={form.textarea} value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
      </label>
      {post.error && <p className={form.alert} role="alert">{post.error}</p>}
      <button type="submit" className={`${form.button} ${form.primary}`} disabled={score === null || post.busy}>
        {t('residents.rate.submit')}
      </button>
    </form>
  );
}

/** "Not solved?": the resident's words send the case back to its unit, within 7 days of closing. */
export function ReopenForm({ path, until }: { path: string; until: string }) {
  const { t } = useTranslation();
  const words = useTimeWords();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const post = useResidentPost(path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: PublicReopenRequest = { reason: reason.trim() };
    void post.send('reopen', body).then((ok) => ok && setOpen(false));
  };
  if (!open) {
    return (
      <div className={styles.reopen}>
        <p className={styles.muted}>{t('residents.reopen.hint', { until: words.at(until) })}</p>
        <button type="button" className={`${form.button} ${form.danger}`} onClick={() => setOpen(true)} data-testid="track-reopen-open">
          {t('residents.reopen.title')}
        </button>
      </div>
    );
  }
  return (
    <form className={styles.residentForm} onSubmit={submit} data-testid="track-reopen">
      <label className={form.field}>
        <span className={form.label}>{t('residents.reopen.reason')}</span>
        <textarea className={form.textarea} value={reason} maxLength={1000} required onChange={(e) => setReason(e.target.value)} />
      </label>
      {post.error && <p className={form.alert} role="alert">{post.error}</p>}
      <button type="submit" className={`${form.button} ${form.danger}`} disabled={!reason.trim() || post.busy}>
        {t('residents.reopen.submit')}
      </button>
    </form>
  );
}

/** Where the messages go (masked), and the resident's way to stop them. */
export function NotificationsLine({ path, view }: { path: string; view: PublicCaseView }) {
  const { t } = useTranslation();
  const post = useResidentPost(path);
  const { subscribed, contact } = view.notifications;
  if (!contact) return null;
  return (
    <div className={styles.notify} data-testid="track-notifications" data-subscribed={subscribed}>
      <span className={styles.muted}>{subscribed ? t('residents.notify.on', { contact }) : t('residents.notify.off')}</span>
      {subscribed && (
        <button type="button" className={`${form.button} ${form.ghost}`} disabled={post.busy} onClick={() => void post.send('stop-notifications')}>
          {t('residents.notify.stop')}
        </button>
      )}
      {post.error && <p className={form.alert} role="alert">{post.error}</p>}
    </div>
  );
}
