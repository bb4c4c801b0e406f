import { useTranslation } from 'react-i18next';
import form from '../../../ui/form.module.css';
import styles from '../../admin-people/components/people-admin.module.css';

/** Previous / "page n of m, k items" / next, under a console list. */
export function Pager({ page, pages, label, onPage }: { page: number; pages: number; label: string; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.pager}>
      <button type="button" className={form.button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('peopleAdmin.previous')}
      </button>
      <span>{label}</span>
      <button type="button" className={form.button} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('peopleAdmin.next')}
      </button>
    </div>
  );
}
