import type { CheckInDto, MyDutyResponse } from '@grid/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { ApiRequestError } from '../../../api/api-request-error';
import type { DevicePosition } from '../hooks/use-geolocation';
import styles from './tasks-page.module.css';

const MINE = ['rota', 'mine'] as const;

const timeOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * Check-in at the start of a shift (签到): shown while the worker has a shift now (or within half an hour) and has
 * not checked in today. Inside the grid one tap does it; outside, the server asks for a reason.
 */
export function CheckInBar({ position }: { position: DevicePosition | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const duty = useQuery({ queryKey: MINE, queryFn: () => apiRequest<MyDutyResponse>('/api/shifts/mine'), refetchInterval: 5 * 60_000 });
  const [reason, setReason] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const checkIn = useMutation({
    mutationFn: () => apiRequest<CheckInDto>('/api/shifts/check-in', { method: 'POST', body: { lat: position?.lat, lng: position?.lng, ...(reason.trim() ? { reason: reason.trim() } : {}) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: MINE }),
    onError: (error) => setNeedsReason(error instanceof ApiRequestError && Boolean(error.body?.fields?.['reason'])),
  });
  const mine = duty.data;
  if (!mine?.onDuty) return null;
  if (mine.checkIn) return <p className={styles.checkedIn}>✓ {t('rota.checkedIn')} {timeOf(mine.checkIn.at)}</p>;
  return (
    <div className={styles.checkInBar} data-testid="check-in">
      {mine.start && mine.end && <span>{t('rota.shiftNow', { start: timeOf(mine.start), end: timeOf(mine.end) })}</span>}
      {needsReason && (
        <label>
          {t('rota.checkInOutside')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('rota.reason')} />
        </label>
      )}
      <button type="button" className={styles.checkInButton} disabled={!position || checkIn.isPending || (needsReason && reason.trim().length < 2)} onClick={() => checkIn.mutate()}>
        {t('rota.checkIn')}
      </button>
    </div>
  );
}
