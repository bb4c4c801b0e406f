import type { AttachmentDto, AttachmentPublicRequest, NotificationLog } from '@grid/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { caseKeys } from '../../../cases/case-queries';
import { apiErrorText } from '../../../ui/api-error-text';
import { useTimeWords } from '../hooks/use-time-words';
import styles from './case-detail-view.module.css';

/** A result photo shown on the resident's tracking page or not: the handler, a leader or the command centre decides. */
export function PublicPhotoToggle({ caseId, photo }: { caseId: string; photo: AttachmentDto }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (value: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const body: AttachmentPublicRequest = { public: value };
      await apiRequest<AttachmentDto>(`/api/cases/${encodeURIComponent(caseId)}/attachments/${photo.id}/public`, { method: 'PUT', body });
      await client.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
    } catch (e) {
      setError(apiErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label className={styles.publicToggle} data-testid="photo-public" data-public={Boolean(photo.public)}>
        <input type="checkbox" checked={Boolean(photo.public)} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />
        {t('residents.photoPublic')}
      </label>
      {error && <p className={styles.far}>{error}</p>}
    </>
  );
}

/** The send log of the messages to the case's residents: what, to whom (masked), sent or waiting, and why not. */
export function NotificationLogPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const words = useTimeWords();
  const { data } = useQuery({
    queryKey: ['cases', 'notifications', caseId],
    queryFn: ({ signal }) => apiRequest<NotificationLog>(`/api/cases/${encodeURIComponent(caseId)}/notifications`, { signal }),
  });
  if (!data) return null;
  return (
    <section className={styles.section} data-testid="notification-log">
      <h3 className={styles.sectionTitle}>{t('residents.log.title')}</h3>
      {data.items.length === 0 ? (
        <p className={styles.muted}>{t('residents.log.empty')}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t('residents.log.when')}</th>
              <th>{t('residents.log.what')}</th>
              <th>{t('residents.log.to')}</th>
              <th>{t('residents.log.stateTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((m) => (
              <tr key={m.id} data-state={m.state}>
                <td>{words.at(m.createdAt)}</td>
                <td title={m.text}>{t(`residents.log.kind.${m.kind}`)}</td>
                <td>
                  {m.to} <span className={styles.muted}>· {t(`residents.log.role.${m.role}`)}</span>
                </td>
                <td>
                  {t(`residents.log.state.${m.state}`)}
                  {m.attempts > 1 && <span className={styles.muted}> · {t('residents.log.attempts', { n: m.attempts })}</span>}
                  {m.lastError && m.state !== 'sent' && <span className={styles.muted}> · {m.lastError}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
