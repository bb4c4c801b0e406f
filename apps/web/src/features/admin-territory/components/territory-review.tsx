import type { LatLng, TerritoryImportDto } from '@grid/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText, type ImportWording } from '../../admin/components/import-text';
import { useApplyImport, useImportPreview } from '../hooks/use-territory';
import { refusalText } from './refusal-text';
import styles from './territory-admin.module.css';
import { TerritoryPreviewMap } from './territory-preview-map';

const TERRITORY_WORDING: ImportWording = { problem: 'territoryAdmin.problem', field: 'territoryAdmin.mapping' };

/**
 * What a checked import or map edit would do, and its apply: the problems (each with its point on the map),
 * the open cases it moves to another grid (listed first, re-routed only if the administrator asks), and the
 * button that makes it the next territory version. Give it a `key` per import so its choices start afresh.
 */
export function TerritoryReview({ checked }: { checked: TerritoryImportDto }) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState<LatLng | null>(null);
  const [reroute, setReroute] = useState(false);
  const apply = useApplyImport();
  const preview = useImportPreview(checked.id);
  const edit = checked.summary.edit;
  const highlight = useMemo(() => (edit ? { changed: edit.changed, created: edit.created } : undefined), [edit]);
  return (
    <>
      <div className={styles.preview}>
        <div className={styles.section}>
          <h3>{t('territoryAdmin.problems.title', { count: checked.problems.length })}</h3>
          {checked.problems.length === 0 ? (
            <p>{t('territoryAdmin.problems.none')}</p>
          ) : (
            <ul className={styles.problems} aria-label={t('territoryAdmin.problems.title', { count: checked.problems.length })}>
              {checked.problems.map((p, i) => (
                <li key={i}>
                  <button type="button" className={styles.problem} aria-pressed={focus !== null && focus === p.at} disabled={!p.at} onClick={() => setFocus(p.at ?? null)}>
                    <span className={p.severity === 'error' ? styles.error : styles.warning}>{t(`territoryAdmin.severity.${p.severity}`)}</span> {t(`territoryAdmin.problemCode.${p.code}`, { defaultValue: p.code })}
                    {p.areaCode ? ` · ${p.areaCode}` : ''}
                    <br />
                    <small title={p.message}>{problemText(p, t, TERRITORY_WORDING)}</small>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {preview.data ? (
          <TerritoryPreviewMap areas={preview.data.areas} problems={checked.problems} focus={focus} highlight={highlight} />
        ) : (
          <p>{t('territoryAdmin.preview.loading')}</p>
        )}
      </div>
      {edit && <p className={styles.note}>{t('territoryAdmin.edit.legend')}</p>}
      {preview.data && (
        <div className={styles.section}>
          <h3>{t('territoryAdmin.affected.title', { count: preview.data.affectedCaseCount })}</h3>
          <p className={styles.note}>{t(reroute ? 'territoryAdmin.affected.move' : 'territoryAdmin.affected.keep')}</p>
          {preview.data.affectedCases.length > 0 && (
            <ul>
              {preview.data.affectedCases.map((c) => (
                <li key={c.id}>{t('territoryAdmin.affected.case', { code: c.code, from: c.gridCode ?? '—', to: c.newGridCode ?? t('territoryAdmin.affected.noGrid') })}</li>
              ))}
            </ul>
          )}
          {preview.data.affectedCaseCount > 0 && (
            <label className={styles.choice}>
              <input type="checkbox" checked={reroute} disabled={apply.isPending || apply.isSuccess} onChange={(e) => setReroute(e.target.checked)} />
              {t('territoryAdmin.affected.reroute', { count: preview.data.affectedCaseCount })}
            </label>
          )}
        </div>
      )}
      <div className={styles.row}>
        <button type="button" className={styles.button} disabled={checked.status !== 'valid' || apply.isPending || apply.isSuccess || checked.appliedVersion !== null} onClick={() => apply.mutate({ id: checked.id, reroute })}>
          {t(checked.summary.warnings > 0 ? 'territoryAdmin.apply.withWarnings' : 'territoryAdmin.apply.button', { count: checked.summary.warnings })}
        </button>
        {checked.status !== 'valid' && <span className={styles.note}>{t(edit ? 'territoryAdmin.edit.blocked' : 'territoryAdmin.apply.blocked')}</span>}
        {apply.error && (
          <span role="alert" className={styles.error}>
            {refusalText(t, apply.error)}
          </span>
        )}
        {apply.data && (
          <span role="status" className={styles.ok}>
            {t('territoryAdmin.apply.done', { ...apply.data })}
          </span>
        )}
      </div>
    </>
  );
}
