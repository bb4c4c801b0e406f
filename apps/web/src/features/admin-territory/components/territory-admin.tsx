import { MAX_TERRITORY_FILE_BYTES, TERRITORY_CRS, type TerritoryCrs, type TerritoryImportDto, type TerritoryMapping } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importErrorText, oversizeText } from '../../admin/components/import-text';
import { useCheckTerritoryFile, useRemapImport } from '../hooks/use-territory';
import styles from './territory-admin.module.css';
import { TerritoryEdit } from './territory-edit';
import { TerritoryReview } from './territory-review';
import { TerritoryStaffing } from './territory-staffing';
import { TerritoryVersions } from './territory-versions';

const MAPPING_FIELDS = ['code', 'name', 'level', 'parent', 'population', 'households', 'staffQuota'] as const;

/** The console's territory section: import (check, preview, apply), edits on the map, versions and their comparison, staffing. */
export function TerritoryAdmin() {
  const { t } = useTranslation();
  return (
    <div className={styles.page}>
      <h1>{t('admin.section.territory')}</h1>
      <TerritoryImport />
      <TerritoryEdit />
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
  const check = useCheckTerritoryFile();
  const remap = useRemapImport();
  const error = check.error ?? remap.error;
  const oversize = oversizeText(file, MAX_TERRITORY_FILE_BYTES, t);

  const accept = (result: TerritoryImportDto) => {
    setChecked(result);
    setMapping(result.summary.mapping);
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
          <TerritoryReview key={checked.id} checked={checked} />
        </>
      )}
    </section>
  );
}
