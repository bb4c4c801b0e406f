import { MAX_PEOPLE_FILE_BYTES, type PeopleImportApplyResponse } from '@grid/contracts';
import { csvLine } from '@grid/domain';
import { useTranslation } from 'react-i18next';
import { ImportProblems } from '../../admin/components/import-problems';
import { ImportFilePicker } from '../../admin/components/import-file-picker';
import { type ImportWording } from '../../admin/components/import-text';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { downloadFromApi, saveBlob, usePeopleImport } from '../hooks/use-people';
import table from '../../../ui/table.module.css';
import styles from './people-admin.module.css';

const PEOPLE_WORDING: ImportWording = { problem: 'peopleAdmin.problem', column: 'peopleAdmin.column' };

/** Upload → the problems row by row → apply → the one-time passwords, shown once and downloadable. */
export function PeopleImport() {
  const { t } = useTranslation();
  const { check, apply } = usePeopleImport();
  const checked = check.data;
  const applied = apply.data;

  return (
    <div className={styles.panel}>
      <p>{t('peopleAdmin.import.intro')}</p>
      <div className={styles.actions}>
        <button type="button" className={form.button} onClick={() => void downloadFromApi('/api/admin/people/template?format=xlsx', 'people-template.xlsx')} data-testid="template-xlsx">
          {t('peopleAdmin.import.templateXlsx')}
        </button>
        <button type="button" className={form.button} onClick={() => void downloadFromApi('/api/admin/people/template?format=csv', 'people-template.csv')} data-testid="template-csv">
          {t('peopleAdmin.import.templateCsv')}
        </button>
      </div>
      <ImportFilePicker check={check} apply={apply} limitBytes={MAX_PEOPLE_FILE_BYTES} />
      {checked && (
        <div data-testid="import-result" data-status={checked.status}>
          <p className={checked.status === 'invalid' ? form.alert : form.notice} role="status">
            {checked.status === 'invalid'
              ? t('peopleAdmin.import.invalid', { count: checked.problems.length, encoding: checked.encoding })
              : t('peopleAdmin.import.valid', { people: checked.summary.people, posts: checked.summary.posts, encoding: checked.encoding })}
          </p>
          {checked.problems.length > 0 && <ImportProblems problems={checked.problems} wording={PEOPLE_WORDING} testId="import-problems" />}
          {checked.status === 'valid' && !applied && (
            <button type="button" className={`${form.button} ${form.primary}`} disabled={apply.isPending} onClick={() => apply.mutate(checked.id)} data-testid="import-apply">
              {t('peopleAdmin.import.apply', { people: checked.summary.people })}
            </button>
          )}
        </div>
      )}
      {apply.error && <p className={form.alert}>{apiErrorText(apply.error, t)}</p>}
      {applied && <OneTimePasswords applied={applied} />}
    </div>
  );
}

function OneTimePasswords({ applied }: { applied: PeopleImportApplyResponse }) {
  const { t } = useTranslation();
  const download = () => {
    const lines = [csvLine([t('peopleAdmin.username'), t('peopleAdmin.name'), t('peopleAdmin.oneTimePassword')]), ...applied.oneTimePasswords.map((p) => csvLine([p.username, p.displayName, p.password]))];
    saveBlob(new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), 'one-time-passwords.csv');
  };
  return (
    <div data-testid="import-applied">
      <p className={form.notice} role="status">
        {t('peopleAdmin.import.applied', { count: applied.created })}
      </p>
      <button type="button" className={form.button} onClick={download}>
        {t('peopleAdmin.import.downloadPasswords')}
      </button>
      <div className={table.wrap}>
        <table className={table.table} data-testid="one-time-passwords">
          <thead>
            <tr>
              <th>{t('peopleAdmin.username')}</th>
              <th>{t('peopleAdmin.name')}</th>
              <th>{t('peopleAdmin.oneTimePassword')}</th>
            </tr>
          </thead>
          <tbody>
            {applied.oneTimePasswords.map((p) => (
              <tr key={p.userId}>
                <td>{p.username}</td>
                <td>{p.displayName}</td>
                <td className={styles.secret}>{p.password}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
