import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './assessment-page.module.css';

/** A panel beside the ranking (drill-down, ledger, appeals): a title, a close button or other controls, its body. */
export function SidePanel({ id, title, testId, onClose, controls, children }: { id: string; title: ReactNode; testId: string; onClose?: () => void; controls?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className={styles.panel} aria-labelledby={id} data-testid={testId}>
      <header className={styles.panelHead}>
        <h2 id={id} className={styles.panelTitle}>
          {title}
        </h2>
        {controls}
        {onClose && (
          <button type="button" className={styles.close} onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        )}
      </header>
      {children}
    </section>
  );
}
