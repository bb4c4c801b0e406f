import type { RecurrenceDto } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import styles from './recurrence-note.module.css';

/** On a case reported again where its category's case was closed shortly before: how often, and how long it held. */
export function RecurrenceNote({ recurrence }: { recurrence: RecurrenceDto | null | undefined }) {
  const { t } = useTranslation();
  if (!recurrence) return null;
  return (
    <p className={styles.note} role="note" data-testid="recurrence-note">
      <strong>{t('analysis.recurrence.label')}</strong>{' '}
      {t(recurrence.lastClosed.daysBefore === 0 ? 'analysis.recurrence.textToday' : 'analysis.recurrence.text', {
        count: recurrence.timesReported,
        days: recurrence.windowDays,
        ago: recurrence.lastClosed.daysBefore,
        code: recurrence.lastClosed.code,
        radius: recurrence.radiusMeters,
      })}
    </p>
  );
}
