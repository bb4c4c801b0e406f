import { PATROL_VISIT_KINDS, type PatrolVisitKind } from '@grid/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import form from '../../../ui/form.module.css';
import { SubmitButtons } from '../../../ui/submit-buttons';
import sheets from '../../tasks/components/report-sheet.module.css';
import styles from './patrol-page.module.css';

/** “Record a visit”: household or place, and who or where (a few words). */
export function VisitSheet({ onSave, onClose }: { onSave: (kind: PatrolVisitKind, label: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PatrolVisitKind>('household');
  const [label, setLabel] = useState('');
  const [error, setError] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) {
      setError(true);
      return;
    }
    onSave(kind, label.trim());
  };

  return (
    <div className={`${sheets.backdrop} ${styles.bottom}`} role="dialog" aria-modal="true" aria-labelledby="visit-title">
      <form className={styles.sheet} onSubmit={submit} noValidate data-testid="visit-sheet">
        <h2 id="visit-title" className={styles.sheetTitle}>
          {t('patrol.recordVisit')}
        </h2>
        <div className={styles.kinds} role="radiogroup" aria-label={t('patrol.visitKind')}>
          {PATROL_VISIT_KINDS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={kind === k} className={styles.kind} onClick={() => setKind(k)} data-testid={`visit-kind-${k}`}>
              {t(`patrol.kind.${k}`)}
            </button>
          ))}
        </div>
        <label className={form.field}>
          <span className={form.label}>{t(`patrol.labelOf.${kind}`)}</span>
          <input
            className={form.input}
            value={label}
            maxLength={100}
            aria-invalid={error}
            placeholder={t(`patrol.labelHint.${kind}`)}
            onChange={(e) => {
              setLabel(e.target.value);
              setError(false);
            }}
            data-testid="visit-label"
          />
          {error && <p className={form.fieldError}>{t('patrol.labelRequired')}</p>}
        </label>
        <SubmitButtons label={t('patrol.saveVisit')} onCancel={onClose} testId="visit-save" />
      </form>
    </div>
  );
}
