import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import form from '../../../ui/form.module.css';
import { importErrorText, oversizeText } from './import-text';

/**
 * The file field of a checked import (.xlsx or .csv), its "check" button, and why an upload was refused as a whole
 * (too large, before it is sent; or the server's answer). Choosing another file resets the check and the apply.
 */
export function ImportFilePicker({ check, apply, limitBytes }: { check: UseMutationResult<unknown, Error, File>; apply: { reset: () => void }; limitBytes: number }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const oversize = oversizeText(file, limitBytes, t);
  return (
    <>
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
        <button type="button" className={`${form.button} ${form.primary}`} disabled={!file || oversize !== null || check.isPending} onClick={() => file && check.mutate(file)} data-testid="import-check">
          {check.isPending ? t('peopleAdmin.import.checking') : t('peopleAdmin.import.check')}
        </button>
      </div>
      {(oversize || check.error) && (
        <p className={form.alert} role="alert" data-testid="import-refused">
          {oversize ?? importErrorText(check.error, t)}
        </p>
      )}
    </>
  );
}
