import type { TrackingLookupResponse } from '@grid/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { apiRequest } from '../../../api/api-client';
import { ApiRequestError } from '../../../api/api-request-error';
import form from '../../../ui/form.module.css';
import { PublicHeader } from './public-header';
import styles from './track-page.module.css';

type Problem = 'notFound' | 'tooMany' | 'invalid' | 'failed';

/**
 * `/track`: a resident who kept the receipt's code (查询码) but not its link finds their request with that code and
 * the last four digits of the phone they gave, then follows it at /track/<token>. No account, no personal data.
 */
export function TrackLookupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [digits, setDigits] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { token } = await apiRequest<TrackingLookupResponse>('/api/public/cases/lookup', { method: 'POST', body: { code, phoneLast4: digits }, authenticated: false });
      navigate(`/track/${token}`);
    } catch (error) {
      const status = error instanceof ApiRequestError ? error.status : 0;
      setProblem(status === 404 ? 'notFound' : status === 429 ? 'tooMany' : status === 400 ? 'invalid' : 'failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className={styles.page}>
      <PublicHeader />
      <form className={styles.card} onSubmit={(event) => void submit(event)} aria-labelledby="lookup-title" data-testid="track-lookup" noValidate>
        <h1 id="lookup-title" className={styles.title}>
          {t('trackLookup.title')}
        </h1>
        <p className={styles.muted}>{t('trackLookup.hint')}</p>
        <label className={form.field}>
          <span>{t('trackLookup.code')}</span>
          <input
            className={form.input}
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder="HK20261207-12"
            required
            aria-invalid={problem === 'invalid' || problem === 'notFound'}
          />
        </label>
        <label className={form.field}>
          <span>{t('trackLookup.digits')}</span>
          <input
            className={form.input}
            name="phoneLast4"
            value={digits}
            onChange={(e) => setDigits(e.target.value.replace(/\D/g, '').slice(0, 4))}
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{4}"
            required
            aria-invalid={problem === 'invalid' || problem === 'notFound'}
          />
        </label>
        {problem && (
          <p className={styles.muted} role="alert" data-testid="lookup-problem">
            {t(`trackLookup.problem.${problem}`)}
          </p>
        )}
        <button type="submit" className={`${form.button} ${form.primary}`} disabled={busy || !code.trim() || digits.length !== 4}>
          {t('trackLookup.submit')}
        </button>
      </form>
    </main>
  );
}
