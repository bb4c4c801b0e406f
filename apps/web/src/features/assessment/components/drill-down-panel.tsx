import type { AssessmentDrillResponse, AssessmentFigureName, AssessmentLevel, AssessmentRow, DrillableFigure } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { useApiResource } from '../../../api/use-api-resource';
import { casePathOf } from '../../../app/navigation';
import { useCategories } from '../../../cases/use-reference-data';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { apiErrorText } from '../../../ui/api-error-text';
import type { Period } from '../hooks/assessment-period';
import styles from './assessment-page.module.css';
import { Pager } from './pager';
import { SidePanel } from './side-panel';

const PAGE_SIZE = 20;

export interface DrillTarget {
  level: AssessmentLevel;
  row: AssessmentRow;
  figure: DrillableFigure;
  /** The column clicked (a rate names the count it drills into). */
  label: AssessmentFigureName;
}

/** The cases behind a figure, each linking to its case view: how a leader finds out why a unit is behind. */
export function DrillDownPanel({ target, period, onClose }: { target: DrillTarget; period: Period; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const categories = useCategories();
  const words = useTimeWords();
  const [page, setPage] = useState(1);
  const { level, row, figure, label } = target;
  const cases = useApiResource<AssessmentDrillResponse>(
    `/api/assessment/cases?level=${level}&unitId=${row.unitId}&figure=${figure}&from=${period.from}&to=${period.to}&page=${page}&pageSize=${PAGE_SIZE}`,
  );
  const pages = cases.state === 'ready' ? Math.max(1, Math.ceil(cases.data.total / PAGE_SIZE)) : 1;

  return (
    <SidePanel
      id="drill-title"
      testId="drill-down"
      onClose={onClose}
      title={
        <>
          {row.unitName} · {t(`assessment.figure.${label}`)}
          {label !== figure && <span className={styles.panelSub}> · {t(`assessment.figure.${figure}`)}</span>}
        </>
      }
    >
      {cases.state === 'loading' && <p className={styles.muted}>{t('common.loading')}</p>}
      {cases.state === 'failed' && <p className={styles.error}>{apiErrorText(cases.error, t)}</p>}
      {cases.state === 'ready' && (
        <>
          <p className={styles.muted}>{t('assessment.drillTotal', { count: cases.data.total })}</p>
          <ul className={styles.caseList}>
            {cases.data.items.map((c) => {
              const path = session ? casePathOf(session.user.role, c.id) : null;
              return (
                <li key={c.id} className={styles.caseItem} data-testid="drill-case">
                  {path ? (
                    <Link to={path} className={styles.caseCode}>
                      {c.code}
                    </Link>
                  ) : (
                    <span className={styles.caseCode}>{c.code}</span>
                  )}
                  <span>{categories.shortName(c.categoryCode)}</span>
                  <span className={styles.muted}>
                    {t(`status.${c.status}`)} · {words.at(c.reportedAt)}
                  </span>
                  {c.overdueAt && Date.parse(c.overdueAt) < Date.now() && <span className={styles.overdue}>{t('assessment.overdueAt', { at: words.at(c.overdueAt) })}</span>}
                  {c.waived.length > 0 && <span className={styles.waived}>{t('assessment.waived')}</span>}
                </li>
              );
            })}
          </ul>
          <Pager page={page} pages={pages} onPage={setPage} />
        </>
      )}
    </SidePanel>
  );
}
