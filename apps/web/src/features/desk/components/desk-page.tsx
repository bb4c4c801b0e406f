import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { CaseFilter } from '../../../cases/case-filter';
import { useCaseList } from '../../../cases/use-cases';
import { CaseWorkspace } from '../../case-view/components/case-workspace';
import { useUrlFilter } from '../hooks/use-url-filter';
import { DutyPanel } from '../../admin-rota/components/duty-panel';
import { AnalysisDigest } from '../../analysis/components/analysis-digest';
import { CaseFilters } from './case-filters';

/** The case desk (zone leader, village cadre, operator): the cases in scope, filtered, and the chosen one in full. */
export function DeskPage({ fixed, basePath = '/desk' }: { fixed?: CaseFilter; basePath?: string }) {
  const { t } = useTranslation();
  const { caseId = null } = useParams();
  const { filter, update } = useUrlFilter(fixed);
  const list = useCaseList(filter);
  return (
    <CaseWorkspace
      title={t('desk.title')}
      list={list}
      filter={filter}
      onPage={(page) => update({ page: String(page) })}
      caseId={caseId}
      basePath={basePath}
      filters={
        <>
          <CaseFilters filter={filter} update={update} />
          <DutyPanel />
          <AnalysisDigest />
        </>
      }
    />
  );
}
