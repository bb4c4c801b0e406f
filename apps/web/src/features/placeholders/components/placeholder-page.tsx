import { useTranslation } from 'react-i18next';
import styles from './placeholder-page.module.css';

export type PlaceholderKey = 'assessment';

/** A page still to be built: says what it will hold, and shows no invented data. */
export function PlaceholderPage({ page }: { page: PlaceholderKey }) {
  const { t } = useTranslation();
  const items = t(`placeholder.${page}.items`, { returnObjects: true });
  return (
    <main className={styles.page} data-testid={`placeholder-${page}`}>
      <div className={styles.card}>
        <p className={styles.badge}>{t('common.comingSoon')}</p>
        <h1 className={styles.title}>{t(`placeholder.${page}.title`)}</h1>
        <p className={styles.notice}>{t('placeholder.notice')}</p>
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    </main>
  );
}
