import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import styles from './update-banner.module.css';

/** A wall stays open for days: it looks for a new version every hour, not only when it is reloaded. */
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * Registers the service worker (src/sw/sw.ts) and, when a new version has been deployed and is
 * waiting, offers to switch to it: the new worker takes over and the page reloads only when the user says so,
 * so a half-written report is never lost to an update.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
    },
  });
  if (!needRefresh) return null;
  return (
    <div className={styles.banner} role="status" data-testid="pwa-update">
      <span>{t('pwaUpdate.available')}</span>
      <button type="button" className={styles.reload} onClick={() => void updateServiceWorker(true)}>
        {t('pwaUpdate.reload')}
      </button>
      <button type="button" className={styles.later} onClick={() => setNeedRefresh(false)}>
        {t('pwaUpdate.later')}
      </button>
    </div>
  );
}
