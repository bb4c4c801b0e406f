import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../../cases/use-reference-data';
import { apiErrorText } from '../../../ui/api-error-text';
import { Field } from '../../../ui/field';
import form from '../../../ui/form.module.css';
import { useAllAreas, usePairings } from '../hooks/use-people';
import table from '../../../ui/table.module.css';
import styles from './people-admin.module.css';

/** 包村: which departments are paired with each village (offered first when a case there is whistled). */
export function VillagePairings() {
  const { t } = useTranslation();
  const areas = useAllAreas();
  const departments = useDepartments();
  const { list, save } = usePairings();
  const listId = useId();
  const villages = useMemo(() => (areas.data ?? []).filter((a) => a.level === 'village'), [areas.data]);
  const [villageText, setVillageText] = useState('');
  const village = villages.find((v) => `${v.name} ${v.code}` === villageText || v.code === villageText.trim());
  const paired = useMemo(() => (list.data ?? []).filter((p) => p.villageId === village?.id).map((p) => p.departmentId), [list.data, village]);
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => setChosen(paired), [paired]);
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const byVillage = new Map<string, string[]>();
  for (const p of list.data ?? []) byVillage.set(p.villageId, [...(byVillage.get(p.villageId) ?? []), p.departmentId]);

  return (
    <div className={styles.panel}>
      <p>{t('peopleAdmin.pairings.intro')}</p>
      <Field label={t('peopleAdmin.pairings.village')}>
        <input className={form.input} list={listId} value={villageText} onChange={(e) => setVillageText(e.target.value)} placeholder={t('peopleAdmin.areaHint')} data-testid="pairing-village" />
        <datalist id={listId}>
          {villages.map((v) => (
            <option key={v.id} value={`${v.name} ${v.code}`} />
          ))}
        </datalist>
      </Field>
      {village && (
        <>
          <fieldset className={styles.checks}>
            <legend className={form.label}>{t('peopleAdmin.pairings.departments', { village: village.name })}</legend>
            {departments.list.map((d) => (
              <label key={d.id} className={styles.check}>
                <input type="checkbox" checked={chosen.includes(d.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, d.id] : chosen.filter((id) => id !== d.id))} />
                {departments.name(d.id)}
              </label>
            ))}
          </fieldset>
          <div className={styles.actions}>
            <button type="button" className={`${form.button} ${form.primary}`} disabled={save.isPending} onClick={() => save.mutate({ villageId: village.id, departmentIds: chosen })} data-testid="pairing-save">
              {t('peopleAdmin.save')}
            </button>
          </div>
        </>
      )}
      {save.error && <p className={form.alert}>{apiErrorText(save.error, t)}</p>}
      <div className={table.wrap}>
        <table className={table.table}>
          <thead>
            <tr>
              <th>{t('peopleAdmin.pairings.village')}</th>
              <th>{t('peopleAdmin.pairings.paired')}</th>
            </tr>
          </thead>
          <tbody>
            {[...byVillage].map(([villageId, ids]) => (
              <tr key={villageId}>
                <td>{villageName.get(villageId) ?? villageId}</td>
                <td>{ids.map((id) => departments.name(id)).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && !list.data.length && <p>{t('peopleAdmin.pairings.none')}</p>}
    </div>
  );
}
