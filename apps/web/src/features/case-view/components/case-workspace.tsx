import type { CaseListResponse, CaseSummary } from '@grid/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { CaseFilter } from '../../../cases/case-filter';
import type { CachedResource } from '../../../cases/use-cases';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { CasePane } from './case-pane';
import { CaseTable, type CaseTableProps } from './case-table';
import styles from './case-workspace.module.css';

export interface CaseWorkspaceProps {
  title: string;
  list: CachedResource<CaseListResponse>;
  filter: CaseFilter;
  onPage: (page: number) => void;
  caseId: string | null;
  basePath: string;
  filters?: ReactNode;
  extra?: CaseTableProps['extra'];
  empty?: string;
}

/**
 * A desk: the list on the left, the chosen case on the right (on a phone, one or the other). The list is
 * live: the cache patches it from the socket, so new and changed cases appear without reload.
 */
export function CaseWorkspace({ title, list, filter, onPage, caseId, basePath, filters, extra, empty }: CaseWorkspaceProps) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const hrefOf = (c: CaseSummary) => `${basePath}/${c.id}${search}`;
  const data = list.data;
  const page = filter.page ?? 1;
  const pages = data ? Math.max(1, Math.ceil(data.total / (filter.pageSize ?? 50))) : 1;
  // Past what the API counts (ADR 0022) the total is a lower bound: "1,000+".
  const total = data ? (data.totalExact === false ? `${(data.total - 1).toLocaleString()}+` : data.total) : 0;

  return (
    <main className={styles.workspace} data-has-case={caseId !== null}>
      <section className={styles.listPane} aria-labelledby="workspace-title">
        <div className={styles.listHead}>
          <h1 id="workspace-title" className={styles.title}>
            {title}
            {data && (
              <span className={styles.count} data-testid="case-count">
                {total}
              </span>
            )}
          </h1>
          {list.fetching && <span className={styles.refreshing}>{t('common.loading')}</span>}
        </div>
        {filters}
        <div className={styles.tableWrap}>
          {data && data.items.length > 0 && <CaseTable cases={data.items} selectedId={caseId} hrefOf={hrefOf} extra={extra} />}
          {data && data.items.length === 0 && <p className={styles.empty}>{empty ?? t('desk.empty')}</p>}
          {!data && !list.error && <p className={styles.empty}>{t('common.loading')}</p>}
          {list.error && (
            <div className={styles.empty} role="alert">
              <p>{t('desk.loadFailed', { message: apiErrorText(list.error, t) })}</p>
              <button type="button" className={form.button} onClick={list.reload}>
                {t('common.retry')}
              </button>
            </div>
          )}
        </div>
        {data && pages > 1 && (
          <nav className={styles.pager} aria-label={t('desk.pages')}>
            <button type="button" className={form.button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
              {t('common.previous')}
            </button>
            <span>{t('common.pageOf', { page, pages: data.totalExact === false ? `${pages}+` : pages, total })}</span>
            <button type="button" className={form.button} disabled={page >= pages} onClick={() => onPage(page + 1)}>
              {t('common.next')}
            </button>
          </nav>
        )}
      </section>
      <section className={styles.detailPane} aria-label={t('desk.detail')}>
        {caseId ? (
          <>
            <Link to={`${basePath}${search}`} className={`${form.button} ${form.ghost} ${styles.back}`}>
              ← {t('desk.backToList')}
            </Link>
            <CasePane key={caseId} caseId={caseId} />
          </>
        ) : (
          <p className={styles.pick}>{t('desk.pick')}</p>
        )}
      </section>
    </main>
  );
}
