import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { apiErrorText } from '../../../ui/api-error-text';
import styles from './hotspot-section.module.css';

/**
 * Opens a briefing page of the API (yesterday's 每日简报, the week's 周报, one from the archive) in a new tab,
 * printable (and saved as PDF from the print dialog). Fetched with the session's token, then shown from a blob: a
 * plain link would carry no token.
 */
export function BriefingButton({ path, label, testId }: { path: string; label: string; testId: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    // Opened at once (inside the click), filled when the page arrives: a window opened later would be blocked.
    const tab = window.open('', '_blank');
    try {
      const blob = await apiRequest<Blob>(path, { responseType: 'blob' });
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
      if (tab) tab.location.href = url;
      else window.location.href = url;
      setError(null);
    } catch (e) {
      tab?.close();
      setError(apiErrorText(e, t));
    }
  };
  return (
    <>
      <button type="button" className={styles.taskButton} onClick={() => void open()} data-testid={testId}>
        {label}
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
