import type { DutyBoardRow } from '@grid/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import styles from './duty-panel.module.css';

/**
 * Who is on duty now in the grids of the caller's scope, and who checked in (the desk and the wall). Folded by
 * default: its summary line says how many of those on duty checked in.
 */
export function DutyPanel({ overlay = false }: { overlay?: boolean }) {
  const { t } = useTranslation();
  const board = useQuery({ queryKey: ['rota', 'board'], queryFn: () => apiRequest<DutyBoardRow[]>('/api/rota/board'), refetchInterval: 60_000 });
  const rows = board.data ?? [];
  const people = rows.flatMap((r) => r.users);
  const checkedIn = people.filter((u) => u.checkedIn).length;
  if (!board.data) return null;
  return (
    <details className={overlay ? `${styles.panel} ${styles.overlay}` : styles.panel} data-testid="duty-panel">
      <summary>
        {t('rota.dutyBoard')} · {checkedIn}/{people.length} {t('rota.checkedIn')}
      </summary>
      <ul className={styles.list}>
        {rows.map((r) => (
          <li key={r.gridId}>
            <span className={styles.grid}>{r.gridName}</span>
            {r.users.map((u) => (
              <span key={u.id} className={u.checkedIn ? styles.in : styles.out} title={u.checkedIn ? t('rota.checkedIn') : t('rota.notCheckedIn')}>
                {u.checkedIn ? '✓' : '○'} {u.displayName}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </details>
  );
}
