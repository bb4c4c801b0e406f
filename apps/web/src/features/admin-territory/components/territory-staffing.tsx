import { useTranslation } from 'react-i18next';
import { useTerritoryStaffing } from '../hooks/use-territory';
import styles from './territory-admin.module.css';

/** Population, households, staffing quota (员额) and staff per 1,000 residents, per zone and village. */
export function TerritoryStaffing() {
  const { t } = useTranslation();
  const staffing = useTerritoryStaffing();
  const number = (n: number | null) => (n === null ? '—' : n.toLocaleString());
  return (
    <section className={styles.section} aria-labelledby="territory-staffing">
      <h2 id="territory-staffing">{t('territoryAdmin.staffing.title')}</h2>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t('territoryAdmin.staffing.area')}</th>
              <th>{t('territoryAdmin.staffing.population')}</th>
              <th>{t('territoryAdmin.staffing.households')}</th>
              <th>{t('territoryAdmin.staffing.quota')}</th>
              <th>{t('territoryAdmin.staffing.staff')}</th>
              <th>{t('territoryAdmin.staffing.perThousand')}</th>
            </tr>
          </thead>
          <tbody>
            {(staffing.data ?? []).map((r) => (
              <tr key={r.id}>
                <td>{r.level === 'zone' ? <strong>{r.name}</strong> : r.name}</td>
                <td>{number(r.population)}</td>
                <td>{number(r.households)}</td>
                <td>{number(r.staffQuota)}</td>
                <td>{r.staff}</td>
                <td>{r.staffPerThousand === null ? '—' : r.staffPerThousand.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
