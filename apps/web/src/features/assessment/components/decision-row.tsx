import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import styles from './assessment-page.module.css';

/** A decision with a required note: two buttons that POST `{ decision, note }` to `url`. */
export function DecisionRow({
  url,
  decisions,
  onDecided,
  noteTestId,
}: {
  url: string;
  /** [decision value, label, test id] for the primary and the other button. */
  decisions: readonly [[string, string, string], [string, string, string]];
  onDecided: () => void;
  noteTestId: string;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: string) => {
    try {
      await apiRequest(url, { method: 'POST', body: { decision, note } });
      onDecided();
    } catch (e) {
      setError(apiErrorText(e, t));
    }
  };
  const [[first, firstLabel, firstId], [second, secondLabel, secondId]] = decisions;
  return (
    <div className={styles.decide}>
      <input className={form.input} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('assessment.appeal.note')} data-testid={noteTestId} />
      <button type="button" className={`${form.button} ${form.primary}`} disabled={!note.trim()} onClick={() => void decide(first)} data-testid={firstId}>
        {firstLabel}
      </button>
      <button type="button" className={form.button} disabled={!note.trim()} onClick={() => void decide(second)} data-testid={secondId}>
        {secondLabel}
      </button>
      {error && <p className={form.fieldError}>{error}</p>}
    </div>
  );
}
