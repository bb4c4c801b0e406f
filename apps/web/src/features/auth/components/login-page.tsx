import type { Role } from '@grid/contracts';
import type { TFunction } from 'i18next';
import { type FormEvent, type InputHTMLAttributes, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { usePublicConfig } from '../../../api/public-config';
import { sessionStore, useSession } from '../../../api/session-store';
import { homePathOf, mayUse, pageAt } from '../../../app/navigation';
import { type LoginProblem, useLogin } from '../hooks/use-login';
import { useSecondsUntil } from '../hooks/use-seconds-until';
import { AuthLayout } from './auth-layout';
import { DemoAccounts } from './demo-accounts';
import styles from './login-page.module.css';

export interface LoginLocationState {
  /** The page the user asked for before being sent here. */
  from?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const config = usePublicConfig();
  const location = useLocation();
  const { submitting, problem, login } = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const secondsLeft = useSecondsUntil(problem?.kind === 'tooManyAttempts' ? problem.retryAt : null);

  if (session) return <Navigate to={destination(session.user.role, (location.state as LoginLocationState | null)?.from)} replace />;

  const blocked = secondsLeft !== null && secondsLeft > 0;
  const message = problem && !(problem.kind === 'tooManyAttempts' && secondsLeft === 0) ? problemText(problem, secondsLeft, t) : null;
  const expired = !message && sessionStore.lastEnd() === 'expired';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // On success the session store changes and this page redirects itself.
    await login({ username, password });
  }

  return (
    <AuthLayout>
      <section className={styles.card} aria-labelledby="login-title">
        <p className={styles.brand}>
          {t('app.productName')} <span className={styles.brandSuffix}>· {t('app.productSuffix')}</span>
        </p>
        {config && <p className={styles.territory}>{config.territoryName}</p>}
        <h1 id="login-title" className={styles.title}>
          {t('auth.title')}
        </h1>
        <p className={styles.subtitle}>{t('auth.subtitle')}</p>
        <form className={styles.form} onSubmit={submit} noValidate aria-describedby={message ? errorId : undefined}>
          <Field
            label={t('auth.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            invalid={problem?.kind === 'wrongCredentials'}
          />
          <Field
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            invalid={problem?.kind === 'wrongCredentials'}
          />
          {message && (
            <p id={errorId} className={styles.error} role="alert">
              {message}
            </p>
          )}
          {expired && (
            <p className={styles.notice} role="status">
              {t('auth.errors.sessionExpired')}
            </p>
          )}
          <button className={styles.submit} type="submit" disabled={submitting || blocked}>
            {submitting ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
      </section>
      {config?.demoAccounts && <DemoAccounts onPick={setUsername} />}
    </AuthLayout>
  );
}

function Field({ label, invalid, ...input }: { label: string; invalid: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <input {...input} aria-invalid={invalid || undefined} required />
    </label>
  );
}

function destination(role: Role, from: string | undefined): string {
  const page = from ? pageAt(from) : undefined;
  return from && page && mayUse(role, page) ? from : homePathOf(role);
}

function problemText(problem: LoginProblem, secondsLeft: number | null, t: TFunction): string {
  switch (problem.kind) {
    case 'tooManyAttempts':
      return secondsLeft ? t('auth.errors.tooManyAttempts', { seconds: secondsLeft }) : t('auth.errors.tooManyAttemptsLater');
    case 'server':
      return t('auth.errors.server', { status: problem.status });
    case 'rejected':
      return t('auth.errors.rejected', { message: problem.message });
    default:
      return t(`auth.errors.${problem.kind}`);
  }
}
