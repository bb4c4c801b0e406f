import { type caseActionBodySchemas, WHISTLE_KINDS, type WhistleKind } from '@grid/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useDepartments } from '../../../cases/use-reference-data';
import { orderPaired } from '../hooks/order-paired';
import { usePairedDepartments } from '../hooks/use-paired-departments';
import form from '../../../ui/form.module.css';
import styles from './case-actions.module.css';

type WhistleBody = z.input<(typeof caseActionBodySchemas)['whistle']>;
type Summoned = WhistleBody['departments'][number];

/** Default time limits per kind of whistle: an emergency whistle wants departments on site within half an hour. */
const DEFAULT_HOURS: Record<WhistleKind, { reportInHours: number; handleHours: number }> = {
  emergency: { reportInHours: 0.5, handleHours: 24 },
  tough: { reportInHours: 2, handleHours: 72 },
  routine: { reportInHours: 4, handleHours: 120 },
};

/** 吹哨: the kind of whistle and the departments summoned, one of them the lead, each with its own time limits. */
export function WhistleFields({ onChange, initialDepartmentId, areaId }: { onChange: (value: Omit<WhistleBody, 'note' | 'photoIds'>) => void; initialDepartmentId?: string; areaId?: string }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const paired = usePairedDepartments(areaId);
  const [kind, setKind] = useState<WhistleKind>('routine');
  const [summoned, setSummoned] = useState<Summoned[]>(() =>
    initialDepartmentId ? [{ departmentId: initialDepartmentId, lead: true, ...DEFAULT_HOURS.routine }] : [],
  );

  useEffect(() => onChange({ whistleKind: kind, departments: summoned }), [kind, summoned, onChange]);

  const toggle = (departmentId: string) =>
    setSummoned((list) => {
      if (list.some((s) => s.departmentId === departmentId)) {
        const rest = list.filter((s) => s.departmentId !== departmentId);
        return rest.length && !rest.some((s) => s.lead) ? [{ ...rest[0], lead: true }, ...rest.slice(1)] : rest;
      }
      return [...list, { departmentId, lead: list.length === 0, ...DEFAULT_HOURS[kind] }];
    });
  const update = (departmentId: string, patch: Partial<Summoned>) =>
    setSummoned((list) => list.map((s) => (s.departmentId === departmentId ? { ...s, ...patch } : patch.lead ? { ...s, lead: false } : s)));

  return (
    <div className={styles.whistle}>
      <label className={form.field}>
        <span className={form.label}>{t('whistle.kind')}</span>
        <select
          className={form.select}
          value={kind}
          onChange={(e) => {
            const next = e.target.value as WhistleKind;
            setKind(next);
            setSummoned((list) => list.map((s) => ({ ...s, ...DEFAULT_HOURS[next] })));
          }}
        >
          {WHISTLE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`whistleKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className={styles.departments}>
        <legend className={form.label}>{t('whistle.departments')}</legend>
        {orderPaired(departments.list, paired).map((d) => {
          const entry = summoned.find((s) => s.departmentId === d.id);
          return (
            <div key={d.id} className={styles.department} data-on={Boolean(entry)}>
              <label className={styles.check}>
                <input type="checkbox" checked={Boolean(entry)} onChange={() => toggle(d.id)} />
                {departments.name(d.id)}
                {paired.includes(d.id) && (
                  <span className={styles.paired} data-testid="whistle-paired">
                    {t('peopleAdmin.pairedBadge')}
                  </span>
                )}
              </label>
              {entry && (
                <>
                  <label className={styles.check}>
                    <input type="radio" name="whistle-lead" checked={entry.lead} onChange={() => update(d.id, { lead: true })} />
                    {t('whistle.lead')}
                  </label>
                  <label className={styles.hours}>
                    {t('whistle.reportIn')}
                    <input
                      className={form.input}
                      type="number"
                      min={0.25}
                      step={0.25}
                      value={entry.reportInHours}
                      onChange={(e) => update(d.id, { reportInHours: Number(e.target.value) })}
                    />
                  </label>
                  <label className={styles.hours}>
                    {t('whistle.handle')}
                    <input className={form.input} type="number" min={1} step={1} value={entry.handleHours} onChange={(e) => update(d.id, { handleHours: Number(e.target.value) })} />
                  </label>
                </>
              )}
            </div>
          );
        })}
      </fieldset>
      <p className={form.hint} data-testid="whistle-working-hours">
        {t('whistle.workingHours')}
      </p>
    </div>
  );
}
