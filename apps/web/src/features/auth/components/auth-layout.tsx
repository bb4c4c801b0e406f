import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../shell/components/language-switch';
import styles from './login-page.module.css';

/** The frame of the sign-in pages: the language switch on top, then columns of cards. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className={styles.page}>
      <div className={styles.topBar}>
        <LanguageSwitch />
      </div>
      <div className={styles.columns}>{children}</div>
    </main>
  );
}
