import type { ImportProblem } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { columnText, problemText, type ImportWording } from './import-text';
import table from '../../../ui/table.module.css';
import styles from './import-problems.module.css';

/**
 * The problems of a checked import, one line each: its row (the whole file for row 0), its column and what is
 * wrong, in the console's language; the server's English message stays in the cell's title.
 */
export function ImportProblems({ problems, wording, testId }: { problems: readonly ImportProblem[]; wording: ImportWording; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className={table.wrap}>
      <table className={`${table.table} ${styles.problems}`} data-testid={testId}>
        <thead>
          <tr>
            <th>{t('imports.row')}</th>
            <th>{t('imports.column')}</th>
            <th>{t('imports.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>{p.row || t('imports.wholeFile')}</td>
              <td>{columnText(p.column, t, wording)}</td>
              <td title={p.message}>{problemText(p, t, wording)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
