import type { ImportProblem, PeopleImportApplyResponse } from '@grid/contracts';
import type { TFunction } from 'i18next';
import { csvLine } from '@grid/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { downloadFromApi, saveBlob, usePeopleImport } from '../hooks/use-people';
import styles from './people-admin.module.css';

/** Upload → the problems row by row → apply → the one-time passwords, shown once and downloadable. */
export function PeopleImport() {
  const { t } = useTranslation();
  const { check, apply } = usePeopleImport();
  const [file, setFile] = useState<File | null>(null);
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
      <div className={form.row}>
        <label className={form.field}>
          <span className={form.label}>{t('peopleAdmin.import.file')}</span>
          <input
            className={form.input}
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              check.reset();
              apply.reset();
            }}
            data-testid="import-file"
          />
        </label>
        <button type="button" className={`${form.button} ${form.primary}`} disabled={!file || check.isPending} onClick={() => file && check.mutate(file)} data-testid="import-check">
          {check.isPending ? t('peopleAdmin.import.checking') : t('peopleAdmin.import.check')}
        </button>
      </div>
      {check.error && <p className={form.alert}>{apiErrorText(check.error, t)}</p>}
      {checked && (
        <div data-testid="import-result" data-status={checked.status}>
          <p className={checked.status === 'invalid' ? form.alert : form.notice} role="status">
            {checked.status === 'invalid'
              ? t('peopleAdmin.import.invalid', { count: checked.problems.length, encoding: checked.encoding })
              : t('peopleAdmin.import.valid', { people: checked.summary.people, posts: checked.summary.posts, encoding: checked.encoding })}
          </p>
          {checked.problems.length > 0 && (
            <div className={styles.tableWrap}>
              <table className={styles.table} data-testid="import-problems">
                <thead>
                  <tr>
                    <th>{t('peopleAdmin.import.row')}</th>
                    <th>{t('peopleAdmin.import.column')}</th>
                    <th>{t('peopleAdmin.import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {checked.problems.map((p, i) => (
                    <tr key={i} className={styles.problemRow}>
                      <td>{p.row}</td>
                      <td>{p.column ? t(`peopleAdmin.column.${p.column}`, { defaultValue: p.column }) : ''}</td>
                      <td title={p.message}>{problemText(p, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
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

/** A problem in the console's language: its code's wording with its values (a named column in words too), else the API's message. */
function problemText(problem: ImportProblem, t: TFunction): string {
  if (!problem.code) return problem.message;
  const params = { ...problem.params };
  if (typeof params['column'] === 'string') params['column'] = t(`peopleAdmin.column.${params['column']}`, { defaultValue: params['column'] });
  return t(`peopleAdmin.problem.${problem.code}`, { ...params, defaultValue: problem.message });
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
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="one-time-passwords">
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
