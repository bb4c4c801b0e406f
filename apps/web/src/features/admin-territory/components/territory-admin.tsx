import { MAX_TERRITORY_FILE_BYTES, TERRITORY_CRS, type LatLng, type TerritoryCrs, type TerritoryImportDto, type TerritoryMapping } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importErrorText, oversizeText, problemText, type ImportWording } from '../../admin/components/import-text';
import { useApplyImport, useCheckTerritoryFile, useImportPreview, useRemapImport } from '../hooks/use-territory';
import styles from './territory-admin.module.css';
import { TerritoryPreviewMap } from './territory-preview-map';
import { TerritoryStaffing } from './territory-staffing';
import { TerritoryVersions } from './territory-versions';

const MAPPING_FIELDS = ['code', 'name', 'level', 'parent', 'population', 'households', 'staffQuota'] as const;
const TERRITORY_WORDING: ImportWording = { problem: 'territoryAdmin.problem', field: 'territoryAdmin.mapping' };

/** The console's territory section: import (check, preview, apply), versions and their comparison, staffing. */
export function TerritoryAdmin() {
  const { t } = useTranslation();
  return (
    <div className={styles.page}>
      <h1>{t('admin.section.territory')}</h1>
      <TerritoryImport />
      <TerritoryVersions />
      <TerritoryStaffing />
    </div>
  );
}

function TerritoryImport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState<TerritoryCrs>('wgs84');
  const [checked, setChecked] = useState<TerritoryImportDto | null>(null);
  const [mapping, setMapping] = useState<TerritoryMapping | null>(null);
  const [focus, setFocus] = useState<LatLng | null>(null);
  const [reroute, setReroute] = useState(false);
  const check = useCheckTerritoryFile();
  const remap = useRemapImport();
  const apply = useApplyImport();
  const preview = useImportPreview(checked?.id ?? null);
  const error = check.error ?? remap.error ?? apply.error;
  const oversize = oversizeText(file, MAX_TERRITORY_FILE_BYTES, t);

  const accept = (result: TerritoryImportDto) => {
    setChecked(result);
    setMapping(result.summary.mapping);
    setFocus(null);
    setReroute(false);
    apply.reset();
  };

  return (
    <section className={styles.section} aria-labelledby="territory-import">
      <h2 id="territory-import">{t('territoryAdmin.import.title')}</h2>
      <p className={styles.note}>{t('territoryAdmin.import.help')}</p>
      <div className={styles.row}>
        <label className={styles.field}>
          {t('territoryAdmin.import.file')}
          <input type="file" accept=".geojson,.json,.kml,.zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className={styles.field}>
          {t('territoryAdmin.import.crs')}
          <select value={crs} onChange={(e) => setCrs(e.target.value as TerritoryCrs)}>
            {TERRITORY_CRS.map((c) => (
              <option key={c} value={c}>
                {t(`territoryAdmin.crs.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={styles.button} disabled={!file || oversize !== null || check.isPending} onClick={() => file && check.mutate({ file, crs }, { onSuccess: accept })}>
          {check.isPending ? t('territoryAdmin.import.checking') : t('territoryAdmin.import.check')}
        </button>
      </div>
      {(oversize ?? error) && (
        <p role="alert" className={styles.error}>
          {oversize ?? importErrorText(error, t)}
        </p>
      )}
      {checked && mapping && (
        <>
          <p role="status" className={checked.status === 'valid' ? styles.ok : styles.error}>
            {t(checked.status === 'valid' ? 'territoryAdmin.import.valid' : 'territoryAdmin.import.invalid', {
              errors: checked.summary.errors,
              warnings: checked.summary.warnings,
              grids: checked.summary.levels.grid,
              villages: checked.summary.levels.village,
              added: checked.summary.added,
              removed: checked.summary.removed,
            })}
          </p>
          <p className={styles.note}>{t('territoryAdmin.import.source', { format: checked.summary.format, crs: checked.summary.sourceCrs })}</p>
          <fieldset className={styles.row}>
            <legend>{t('territoryAdmin.mapping.title')}</legend>
            {MAPPING_FIELDS.map((field) => (
              <label key={field} className={styles.field}>
                {t(`territoryAdmin.mapping.${field}`)}
                <select value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || null })}>
                  {field !== 'code' && field !== 'name' && <option value="">{t('territoryAdmin.mapping.none')}</option>}
                  {checked.summary.properties.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="button" className={styles.button} disabled={remap.isPending || checked.appliedVersion !== null} onClick={() => remap.mutate({ id: checked.id, mapping }, { onSuccess: accept })}>
              {t('territoryAdmin.mapping.recheck')}
            </button>
          </fieldset>
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
            {preview.data ? <TerritoryPreviewMap areas={preview.data.areas} problems={checked.problems} focus={focus} /> : <p>{t('territoryAdmin.preview.loading')}</p>}
          </div>
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
            {checked.status !== 'valid' && <span className={styles.note}>{t('territoryAdmin.apply.blocked')}</span>}
            {apply.data && (
              <span role="status" className={styles.ok}>
                {t('territoryAdmin.apply.done', { ...apply.data })}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
