import type { SessionUser } from '@grid/contracts';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { freshSession } from '../../../api/api-client';
import { sessionStore, useSession } from '../../../api/session-store';
import { PAGES, pagesFor } from '../../../app/navigation';
import { useRealtime } from '../../../realtime/use-realtime';
import { useUnitName } from '../hooks/use-unit-name';
import { ContrastSwitch } from './contrast-switch';
import { LanguageSwitch } from './language-switch';
import styles from './app-shell.module.css';

/**
 * Revokes the tokens on the server (all devices), best effort, and ends the session here. The access
 * token is renewed first if it is about to end, or the server could not tell who is signing out.
 */
function signOut(): void {
  void freshSession()
    .catch(() => sessionStore.get())
    .then((session) => {
      sessionStore.end('logout');
      if (session) void fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${session.token}` } }).catch(() => undefined);
    });
}

/** Header (product, navigation for the role, user, language, sign-out) above the current page. */
export function AppShell() {
  const session = useSession();
  return session ? <SignedInShell user={session.user} /> : null;
}

function SignedInShell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const unit = useUnitName(user);
  const live = useRealtime();
  const pages = pagesFor(user.role);

  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <p className={styles.brand}>
          <span>{t('app.productName')}</span>
          <span className={styles.brandSuffix}> · {t('app.productSuffix')}</span>
        </p>
        {pages.length > 1 && (
          <nav className={styles.nav} aria-label={t('nav.label')}>
            {pages.map((page) => (
              <NavLink key={page} to={PAGES[page].path} className={styles.navLink}>
                {t(`nav.${page}`)}
              </NavLink>
            ))}
          </nav>
        )}
        <div className={styles.user}>
          <span className={styles.live} data-state={live} role="status" title={t(`live.${live}`)} data-testid="live-status">
            <span className={styles.liveDot} aria-hidden="true" />
            <span className={styles.liveText}>{t(`live.${live}`)}</span>
          </span>
          <span className={styles.userText} data-testid="current-user">
            <span className={styles.displayName}>{user.displayName}</span>
            <span className={styles.role}>
              {t(`role.${user.role}`)}
              {unit && ` · ${unit}`}
            </span>
          </span>
          <ContrastSwitch />
          <LanguageSwitch compact />
          <button type="button" className={styles.logout} onClick={signOut} title={t('auth.logoutTitle')}>
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <div className={styles.content}>
        <Suspense fallback={<p className={styles.loading}>{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
