import { useTranslation } from 'react-i18next';
import form from '../../../ui/form.module.css';
import styles from './assessment-page.module.css';

export interface PagerProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  testId?: string;
}

/** First, previous, page x / y, next, last; nothing when everything fits on one page. */
export function Pager({ page, pages, onPage, testId }: PagerProps) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <div className={styles.pager} data-testid={testId}>
      <button type="button" className={form.button} disabled={page <= 1} onClick={() => onPage(1)} data-testid="page-first">
        {t('common.first')}
      </button>
      <button type="button" className={form.button} disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid="page-previous">
        {t('common.previous')}
      </button>
      <span data-testid="page-of">
        {page} / {pages}
      </span>
      <button type="button" className={form.button} disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="page-next">
        {t('common.next')}
      </button>
      <button type="button" className={form.button} disabled={page >= pages} onClick={() => onPage(pages)} data-testid="page-last">
        {t('common.last')}
      </button>
    </div>
  );
}
