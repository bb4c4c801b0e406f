import type { AreaLevel, CaseSummary, HandlingUnitDto, Role, UserDto } from '@grid/contracts';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevelLabel } from '../../../api/public-config';
import { useAreas, useCategories, useDepartments, useUsers } from '../../../cases/use-reference-data';
import form from '../../../ui/form.module.css';

type UnitLevel = AreaLevel | 'department';

/** Who at a unit may be given a case: the people of that unit's own level. */
const ROLES_AT: Record<UnitLevel, readonly Role[]> = {
  grid: ['grid_worker', 'grid_leader'],
  village: ['village_cadre', 'grid_leader'],
  zone: ['zone_leader'],
  district: ['operator'],
  department: ['dept_staff', 'dept_head'],
};

export interface DispatchValue {
  unit: HandlingUnitDto | null;
  assigneeId: string | null;
  verifierId: string | null;
}

/**
 * The dispatch picker: a unit — one of the areas the case lies in (its grid, village, zone, district:
 * territory first, 先属地) or a department (the owner, 后属主) — and, optionally, a person there and a
 * verifier. Starts at the unit the responsibility list names for the case's category.
 */
export function DispatchFields({ summary, onChange }: { summary: CaseSummary; onChange: (value: DispatchValue) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const levelLabel = useLevelLabel();
  const areas = useAreas();
  const categories = useCategories();
  const departments = useDepartments();
  const category = categories.byCode.get(summary.categoryCode);
  const ownAreas = useMemo(
    () => [...summary.areaPath, summary.gridId].filter((a, i, all) => all.indexOf(a) === i).map((a) => areas.byId.get(a)).filter((a) => a !== undefined).reverse(),
    [summary.areaPath, summary.gridId, areas.byId],
  );
  const suggested =
    category?.handlingLevel === 'department'
      ? departments.list.find((d) => d.code === category.departmentCode)?.id
      : ownAreas.find((a) => a.level === (category?.handlingLevel ?? 'grid'))?.id;
  const [chosen, setChosen] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [verifierId, setVerifierId] = useState('');

  // Reference data arrives after the first render: the suggestion fills in once it has.
  const unitId = chosen || suggested || ownAreas[0]?.id || '';
  const area = areas.byId.get(unitId);
  const department = departments.list.find((d) => d.id === unitId);
  const level: UnitLevel | null = area ? area.level : department ? 'department' : null;
  const people = useUsers(department ? { departmentId: department.id } : { areaId: area?.id });
  const candidates = level ? people.list.filter((u) => ROLES_AT[level].includes(u.role) && (department !== undefined || u.areaId === unitId)) : [];
  const verifiers = useUsers({ areaId: summary.gridId }).list.filter((u) => u.role === 'grid_worker' || u.role === 'grid_leader');

  const unit: HandlingUnitDto | null = area ? { level: area.level, areaId: area.id } : department ? { level: 'department', departmentId: department.id } : null;
  const unitKey = JSON.stringify(unit);
  useEffect(() => {
    onChange({ unit, assigneeId: assigneeId || null, verifierId: verifierId || null });
    // unitKey stands for unit (a new object every render)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitKey, assigneeId, verifierId, onChange]);

  return (
    <div className={form.row}>
      <label className={form.field}>
        <span className={form.label}>{t('dispatch.unit')}</span>
        <select
          className={form.select}
          value={unitId}
          onChange={(e) => {
            setChosen(e.target.value);
            setAssigneeId('');
          }}
          data-testid="dispatch-unit"
        >
          <optgroup label={t('dispatch.territory')}>
            {ownAreas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {levelLabel(a.level)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('dispatch.department')}>
            {departments.list.map((d) => (
              <option key={d.id} value={d.id}>
                {departments.name(d.id)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <PersonSelect id={`${id}-assignee`} label={t('dispatch.assignee')} people={candidates} value={assigneeId} onChange={setAssigneeId} testId="dispatch-assignee" />
      <PersonSelect id={`${id}-verifier`} label={t('dispatch.verifier')} people={verifiers} value={verifierId} onChange={setVerifierId} />
    </div>
  );
}

function PersonSelect(props: { id: string; label: string; people: UserDto[]; value: string; onChange: (id: string) => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className={form.field}>
      <label className={form.label} htmlFor={props.id}>
        {props.label} {t('common.optional')}
      </label>
      <select id={props.id} className={form.select} value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
        <option value="">{t('dispatch.anyone')}</option>
        {props.people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} · {t(`role.${u.role}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
