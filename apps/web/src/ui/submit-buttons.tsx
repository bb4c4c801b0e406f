import { useTranslation } from 'react-i18next';
import form from './form.module.css';

/** A form's primary submit button and its cancel beside it. */
export function SubmitButtons({ label, onCancel, disabled = false, testId }: { label: string; onCancel: () => void; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className={form.row}>
      <button type="submit" className={`${form.button} ${form.primary}`} disabled={disabled} data-testid={testId}>
        {label}
      </button>
      <button type="button" className={form.button} onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
