import type { CaseSummary } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { useCaseDetail, useCaseList } from '../../../cases/use-cases';
import { DueTime } from '../../case-view/components/case-badges';
import { CaseWorkspace } from '../../case-view/components/case-workspace';
import { useNow } from '../../case-view/hooks/use-now';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { CaseFilters } from '../../desk/components/case-filters';
import { useUrlFilter } from '../../desk/hooks/use-url-filter';
import styles from './department-page.module.css';

const PAGE_SIZE = 25;

/**
 * The department's desk (吹哨报到): the cases it is summoned to or given, with its own report-in and
 * handling due times; report-in and done are the action buttons of each case.
 */
export function DepartmentPage() {
  const { t } = useTranslation();
  const session = useSession();
  const departmentId = session?.user.departmentId ?? undefined;
  const { caseId = null } = useParams();
  const { filter, update } = useUrlFilter({ departmentId, pageSize: PAGE_SIZE });
  const list = useCaseList(departmentId ? filter : null);
  return (
    <CaseWorkspace
      title={t('department.title')}
      list={list}
      filter={filter}
      onPage={(page) => update({ page: String(page) })}
      caseId={caseId}
      basePath="/department"
      filters={<CaseFilters filter={filter} update={update} areaChoice={false} />}
      extra={departmentId ? { title: t('department.myPart'), replacesDue: true, cell: (c) => <MyPart summary={c} departmentId={departmentId} /> } : undefined}
      empty={t('department.empty')}
    />
  );
}

/** This department's part in a case: its own status and the due time that matters now. */
function MyPart({ summary, departmentId }: { summary: CaseSummary; departmentId: string }) {
  const { t } = useTranslation();
  const detail = useCaseDetail(summary.id);
  const now = useNow();
  const words = useTimeWords();
  const part = detail.data?.coHandlers.find((c) => c.departmentId === departmentId);
  if (!detail.data) return <span className={styles.muted}>…</span>;
  // The handling unit's part is the case's own due time (the table shows no separate due column here).
  if (!part)
    return (
      <span className={styles.part}>
        <span className={styles.muted}>{t('department.handlingUnit')}</span>
        <DueTime summary={summary} />
      </span>
    );
  const due = part.status === 'summoned' ? part.reportInDueAt : part.status === 'reported_in' ? part.handleDueAt : null;
  const late = due !== null && Date.parse(due) < now;
  return (
    <span className={styles.part} data-late={late}>
      <span>
        {t(`coHandlerStatus.${part.status}`)}
        {part.lead && ` · ${t('whistle.lead')}`}
      </span>
      {due && <span className={styles.due}>{part.status === 'summoned' ? t('department.reportIn', { due: words.due(due, now) }) : t('department.handle', { due: words.due(due, now) })}</span>}
    </span>
  );
}
