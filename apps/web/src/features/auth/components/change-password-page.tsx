import type { LoginResponse } from '@grid/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { sessionStore } from '../../../api/session-store';
import { apiErrorText, apiFieldErrors } from '../../../ui/api-error-text';
import { AuthLayout } from './auth-layout';
import styles from './login-page.module.css';

/**
 * Shown instead of every page while the account has a one-time password (after an import or a reset): the API
 * refuses everything else until it is changed. The answer is a fresh session, which replaces this one.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) return setError(t('changePassword.mismatch'));
    setBusy(true);
    setError(null);
    try {
      sessionStore.start(await apiRequest<LoginResponse>('/api/auth/password', { method: 'POST', body: { currentPassword: current, newPassword: next } }));
    } catch (failure) {
      const fields = apiFieldErrors(failure);
      setError(fields['currentPassword'] ? t('changePassword.wrongCurrent') : fields['newPassword'] ? t('changePassword.tooShort') : apiErrorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <section className={styles.card} aria-labelledby="change-password-title">
        <h1 id="change-password-title" className={styles.title}>
          {t('changePassword.title')}
        </h1>
        <p className={styles.subtitle}>{t('changePassword.why')}</p>
        <form className={styles.form} onSubmit={submit} noValidate data-testid="change-password">
          <label className={styles.field}>
            <span>{t('changePassword.current')}</span>
            <input name="current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
          </label>
          <label className={styles.field}>
            <span>{t('changePassword.new')}</span>
            <input name="new" type="password" autoComplete="new-password" minLength={8} value={next} onChange={(e) => setNext(e.target.value)} required />
          </label>
          <label className={styles.field}>
            <span>{t('changePassword.repeat')}</span>
            <input name="repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
          </label>
          {error && (
            <p className={styles.error} role="alert">
              {error}
            </p>
          )}
          <button className={styles.submit} type="submit" disabled={busy || !current || !next}>
            {t('changePassword.submit')}
          </button>
        </form>
      </section>
    </AuthLayout>
  );
}
