import { PRIORITIES, type PublicResponsibilities, type ResponsibilityDto } from '@grid/contracts';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { usePublicConfig } from '../../../api/public-config';
import { useCategoryWords } from '../../../cases/use-category-words';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { LanguageSwitch } from '../../shell/components/language-switch';
import styles from './responsibilities-page.module.css';

/**
 * `/responsibilities`: the public responsibility list (上墙公示), no sign-in. Every category with the unit that
 * handles it and its time limits per priority, in the chosen language; a printable table (print hides the
 * controls), cards on a phone.
 */
export function ResponsibilitiesPage() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const words = useCategoryWords();
  const time = useTimeWords();
  const list = useQuery({
    queryKey: ['public', 'responsibilities'],
    queryFn: ({ signal }) => apiRequest<PublicResponsibilities>('/api/public/responsibilities', { authenticated: false, signal }),
  });
  const categories = list.data?.categories ?? [];
  const parents = categories.filter((c) => c.parentCode === null);
  const leavesOf = (code: string) => categories.filter((c) => c.parentCode === code);

  return (
    <main className={styles.page} data-testid="responsibilities">
      <header className={styles.top}>
        <div>
          <p className={styles.brand}>
            {t('app.productName')}
            {config && <span className={styles.territory}> · {config.territoryName}</span>}
          </p>
          <h1 className={styles.title}>{t('responsibilityList.publicTitle')}</h1>
        </div>
        <div className={styles.controls}>
          <button type="button" className={styles.button} onClick={() => window.print()}>
            {t('responsibilityList.print')}
          </button>
          <LanguageSwitch compact />
        </div>
      </header>
      <p className={styles.intro}>{t('responsibilityList.publicIntro')}</p>
      {list.isPending && <p className={styles.muted}>{t('responsibilityList.loading')}</p>}
      {list.isError && (
        <p className={styles.muted} role="alert">
          {t('responsibilityList.failed')}
        </p>
      )}
      {list.data && (
        <>
          <p className={styles.muted}>
            {t('responsibilityList.asOf', { at: time.at(list.data.at) })} · {t('responsibilityList.count', { count: categories.filter((c) => c.parentCode !== null).length })}
          </p>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('responsibilityList.category')}</th>
                <th scope="col">{t('responsibilityList.unit')}</th>
                {PRIORITIES.map((p) => (
                  <th key={p} scope="col">
                    {t(`priority.${p}`)}
                  </th>
                ))}
                <th scope="col">{t('responsibilityList.clock')}</th>
                <th scope="col">{t('responsibilityList.verification')}</th>
              </tr>
            </thead>
            <tbody>
              {parents.map((parent) => (
                <Fragment key={parent.code}>
                  <tr className={styles.group}>
                    <th scope="rowgroup" colSpan={3 + PRIORITIES.length + 1}>
                      {words.name(parent)}
                    </th>
                  </tr>
                  {leavesOf(parent.code).map((c) => (
                    <Row key={c.code} category={c} />
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}

function Row({ category: c }: { category: ResponsibilityDto }) {
  const { t } = useTranslation();
  const words = useCategoryWords();
  const time = useTimeWords();
  const unit = words.unit(c.handlingLevel, c.department);
  const upcoming = c.upcoming;
  return (
    <tr data-testid="responsibility" data-code={c.code}>
      <th scope="row" data-label={t('responsibilityList.category')}>
        {words.name(c)}
        {upcoming && (
          <span className={styles.upcoming}>
            {t('responsibilityList.upcoming', {
              date: time.at(upcoming.effectiveFrom),
              unit: words.unit(upcoming.handlingLevel, upcoming.department),
              limits: PRIORITIES.map((p) => `${t(`priority.${p}`)} ${words.limit(upcoming.timeLimits[p])}`).join('；'),
            })}
          </span>
        )}
      </th>
      <td data-label={t('responsibilityList.unit')}>
        <span>
          {unit}
          {c.department && c.handlingLevel !== 'department' && <span className={styles.sub}>{t('responsibilityList.department', { name: words.name(c.department) })}</span>}
        </span>
      </td>
      {PRIORITIES.map((p) => (
        <td key={p} data-label={t(`priority.${p}`)} data-priority={p} className={styles.limit}>
          <span>
            <span>{t('responsibilityList.accept', { time: words.duration(c.timeLimits[p].acceptHours) })}</span>
            <span>{t('responsibilityList.handle', { time: words.duration(c.timeLimits[p].handleHours) })}</span>
          </span>
        </td>
      ))}
      <td data-label={t('responsibilityList.clock')}>{t(`responsibilityList.clockKind.${c.clock}`)}</td>
      <td data-label={t('responsibilityList.verification')}>{c.requiresVerification ? t('responsibilityList.required') : t('responsibilityList.notRequired')}</td>
    </tr>
  );
}
