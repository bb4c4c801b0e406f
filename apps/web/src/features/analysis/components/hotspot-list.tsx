import type { HotspotResponse, Role } from '@grid/contracts';
import { MONTHLY_TASK_OPENERS } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/session-store';
import { useCategories } from '../../../cases/use-reference-data';
import { formatP } from '../hooks/use-hotspots';
import { MonthlyTaskForm } from './monthly-task-form';
import styles from './hotspot-section.module.css';

/** Hotspots as the morning meeting reads them: new ones first, then by cases; place, figures, leading categories. */
export function HotspotList({ hotspots, days, categoryCode }: { hotspots: HotspotResponse['hotspots']; days: number; categoryCode: string | null }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const role = useSession()?.user.role;
  // 每月一题 is opened by the command centre and zone leaders.
  const mayOpen = role !== undefined && (MONTHLY_TASK_OPENERS as readonly Role[]).includes(role);
  const [opening, setOpening] = useState<string | null>(null);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const ordered = [...hotspots].sort((a, b) => Number(b.isNew) - Number(a.isNew) || b.cases - a.cases);
  return (
    <ol className={styles.list} data-testid="hotspot-list">
      {ordered.slice(0, 6).map((h) => (
        <li key={h.id} className={styles.item} data-new={h.isNew}>
          <div className={styles.itemHead}>
            {h.isNew && <span className={styles.newBadge}>{t('analysis.hotspots.new')}</span>}
            <strong>{[h.villageName, h.name].filter(Boolean).join(' · ')}</strong>
          </div>
          <div className={styles.itemStats}>
            {t('analysis.hotspots.stats', { cases: h.cases, grids: h.gridIds.length, z: h.maxZ.toFixed(2), q: formatP(h.minQ) })}
          </div>
          {h.topCategories.length > 0 && <div className={styles.itemCategories}>{h.topCategories.map((c) => `${categories.name(c.code)} ${c.count}`).join(t('analysis.separator'))}</div>}
          {mayOpen && opening !== h.id && (
            <button type="button" className={styles.taskButton} onClick={() => setOpening(h.id)} data-testid="open-monthly-task" disabled={opened.has(h.id)}>
              {opened.has(h.id) ? t('analysis.tasks.opened') : t('analysis.tasks.fromHotspot')}
            </button>
          )}
          {opening === h.id && (
            <MonthlyTaskForm
              hotspot={h}
              days={days}
              categoryCode={categoryCode}
              onDone={(created) => {
                setOpening(null);
                if (created) setOpened(new Set([...opened, h.id]));
              }}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
