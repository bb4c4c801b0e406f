import { useTranslation } from 'react-i18next';
import { useCategoryWords } from '../../../cases/use-category-words';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { useCategoryVersions } from '../hooks/use-category-admin';
import styles from './categories-admin.module.css';

/** A category's versions, newest first: where each stands, from when, by whom and why, and its normal limits. */
export function VersionHistory({ code }: { code: string }) {
  const { t } = useTranslation();
  const words = useCategoryWords();
  const time = useTimeWords();
  const versions = useCategoryVersions(code);
  return (
    <section className={styles.history} aria-labelledby="category-history">
      <h3 id="category-history" className={styles.heading}>
        {t('responsibilityList.admin.history')}
      </h3>
      {versions.isError && <p className={form.alert}>{apiErrorText(versions.error, t)}</p>}
      <table className={styles.table} data-testid="category-history">
        <thead>
          <tr>
            <th scope="col">{t('responsibilityList.version')}</th>
            <th scope="col">{t('responsibilityList.admin.when')}</th>
            <th scope="col">{t('responsibilityList.admin.who')}</th>
            <th scope="col">{t('responsibilityList.admin.why')}</th>
            <th scope="col">{t('responsibilityList.admin.normalLimits')}</th>
          </tr>
        </thead>
        <tbody>
          {(versions.data ?? []).map((v) => (
            <tr key={v.version} data-testid="category-version" data-version={v.version} data-status={v.status}>
              <td data-label={t('responsibilityList.version')}>
                v{v.version} <span className={`${styles.status} ${styles[v.status]}`}>{t(`responsibilityList.admin.status.${v.status}`)}</span>
              </td>
              <td data-label={t('responsibilityList.admin.when')}>{v.effectiveFrom.startsWith('1970-') ? '—' : time.at(v.effectiveFrom)}</td>
              <td data-label={t('responsibilityList.admin.who')}>{v.createdBy.username}</td>
              <td data-label={t('responsibilityList.admin.why')}>{v.reason}</td>
              <td data-label={t('responsibilityList.admin.normalLimits')}>
                {words.unit(v.handlingLevel, null)} · {words.limit(v.timeLimits.normal)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
