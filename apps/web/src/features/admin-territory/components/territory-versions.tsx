import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerritoryCompare, useTerritoryVersions } from '../hooks/use-territory';
import styles from './territory-admin.module.css';

/** Every territory version, and what changed between two of them. */
export function TerritoryVersions() {
  const { t, i18n } = useTranslation();
  const versions = useTerritoryVersions();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const compare = useTerritoryCompare(from, to);
  const list = versions.data ?? [];
  const choose = (value: string) => (value ? Number(value) : null);
  return (
    <section className={styles.section} aria-labelledby="territory-versions">
      <h2 id="territory-versions">{t('territoryAdmin.versions.title')}</h2>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t('territoryAdmin.versions.version')}</th>
              <th>{t('territoryAdmin.versions.at')}</th>
              <th>{t('territoryAdmin.versions.by')}</th>
              <th>{t('territoryAdmin.versions.source')}</th>
              <th>{t('territoryAdmin.versions.areas')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.version}>
                <td>
                  {v.version}
                  {v.current ? ` (${t('territoryAdmin.versions.current')})` : ''}
                </td>
                <td>{new Date(v.createdAt).toLocaleString(i18n.language)}</td>
                <td>{v.createdBy ?? '—'}</td>
                <td>{v.source}</td>
                <td>{v.areaCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.row}>
        {(['from', 'to'] as const).map((end) => (
          <label key={end} className={styles.field}>
            {t(`territoryAdmin.versions.${end}`)}
            <select value={(end === 'from' ? from : to) ?? ''} onChange={(e) => (end === 'from' ? setFrom : setTo)(choose(e.target.value))}>
              <option value="">—</option>
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {compare.data && (
        <ul aria-label={t('territoryAdmin.versions.compare')}>
          {(['added', 'removed', 'changed'] as const).map((kind) => (
            <li key={kind}>
              {t(`territoryAdmin.versions.${kind}`, { count: compare.data[kind].length })}
              {compare.data[kind].length > 0 && `: ${compare.data[kind].slice(0, 50).map((c) => `${c.name} (${c.code}${c.changes ? ` · ${c.changes.map((x) => t(`territoryAdmin.versions.change.${x as 'boundary' | 'name' | 'parent' | 'attributes'}`)).join('、')}` : ''})`).join('; ')}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
