import { MAX_DEVICE_FILE_BYTES } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import styles from '../../admin-people/components/people-admin.module.css';
import { ImportProblems } from '../../admin/components/import-problems';
import { ImportFilePicker } from '../../admin/components/import-file-picker';
import { type ImportWording } from '../../admin/components/import-text';
import { useDeviceImport } from '../hooks/use-devices';

const DEVICE_WORDING: ImportWording = { problem: 'devicesAdmin.problem', column: 'devicesAdmin.column' };

/** Upload a registry → its problems row by row → register every device at once (or none). */
export function DeviceImport() {
  const { t } = useTranslation();
  const { check, apply } = useDeviceImport();
  const checked = check.data;
  return (
    <div className={styles.panel}>
      <p>{t('devicesAdmin.import.intro')}</p>
      <ImportFilePicker check={check} apply={apply} limitBytes={MAX_DEVICE_FILE_BYTES} />
      {checked && (
        <div data-testid="import-result" data-status={checked.status}>
          <p className={checked.status === 'invalid' ? form.alert : form.notice} role="status">
            {checked.status === 'invalid'
              ? t('devicesAdmin.import.invalid', { count: checked.problems.length, encoding: checked.encoding })
              : t('devicesAdmin.import.valid', { count: checked.summary.devices, encoding: checked.encoding })}
          </p>
          {checked.problems.length > 0 && <ImportProblems problems={checked.problems} wording={DEVICE_WORDING} testId="import-problems" />}
          {checked.status === 'valid' && !apply.data && (
            <button type="button" className={`${form.button} ${form.primary}`} disabled={apply.isPending} onClick={() => apply.mutate(checked.id)} data-testid="import-apply">
              {t('devicesAdmin.import.apply', { count: checked.summary.devices })}
            </button>
          )}
        </div>
      )}
      {apply.error && <p className={form.alert}>{apiErrorText(apply.error, t)}</p>}
      {apply.data && (
        <p className={form.notice} role="status" data-testid="import-applied">
          {t('devicesAdmin.import.applied', { count: apply.data.created })}
        </p>
      )}
    </div>
  );
}
