import { useTranslation } from 'react-i18next';
import styles from './login-page.module.css';

/** DESIGN §8: the demo's accounts, so anyone can try each role. Examples only; the series go on. */
const DEMO_GROUPS = [
  { group: 'district', usernames: ['admin', 'operator', 'assessor'], more: false },
  { group: 'zone', usernames: ['zone01', 'zone02'], more: true },
  { group: 'gridWorker', usernames: ['grid001', 'grid002'], more: true },
  { group: 'gridLeader', usernames: ['leader001', 'leader002'], more: true },
  { group: 'village', usernames: ['village001', 'village002'], more: true },
  { group: 'department', usernames: ['dept_zhzf', 'dept_scjg', 'dept_pcs'], more: true },
] as const;

const DEMO_PASSWORD = 'demo1234';

export function DemoAccounts({ onPick }: { onPick: (username: string) => void }) {
  const { t } = useTranslation();
  return (
    <aside className={`${styles.card} ${styles.demo}`} aria-labelledby="demo-title">
      <h2 id="demo-title" className={styles.demoTitle}>
        {t('auth.demo.title')}
      </h2>
      <p className={styles.demoPassword}>{t('auth.demo.password', { password: DEMO_PASSWORD })}</p>
      <p className={styles.subtitle}>{t('auth.demo.hint')}</p>
      <dl className={styles.demoList}>
        {DEMO_GROUPS.map(({ group, usernames, more }) => (
          <div key={group} className={styles.demoGroup}>
            <dt>{t(`auth.demo.groups.${group}`)}</dt>
            <dd>
              {usernames.map((username) => (
                <button key={username} type="button" className={styles.chip} onClick={() => onPick(username)}>
                  {username}
                </button>
              ))}
              {more && <span className={styles.more}>…</span>}
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
