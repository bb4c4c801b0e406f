import type { AreaLevel, CaseSummary, HandlingUnitDto, Role, UserDto } from '@grid/contracts';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevelLabel } from '../../../api/public-config';
import { useAreas, useCategories, useDepartments, useUsers } from '../../../cases/use-reference-data';
import form from '../../../ui/form.module.css';

type UnitLevel = AreaLevel | 'department';
const UNIT_LEVELS: readonly UnitLevel[] = ['grid', 'village', 'zone', 'district', 'department'];

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
 * The dispatch picker: a unit (grid, village, zone, district or department) and, optionally, a person
 * there and a verifier. Starts at the unit the responsibility list names for the case's category.
 */
export function DispatchFields({ summary, onChange }: { summary: CaseSummary; onChange: (value: DispatchValue) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const levelLabel = useLevelLabel();
  const areas = useAreas();
  const categories = useCategories();
  const departments = useDepartments();
  const category = categories.byCode.get(summary.categoryCode);
  const defaultLevel: UnitLevel = category?.handlingLevel ?? 'grid';
  const [level, setLevel] = useState<UnitLevel>(defaultLevel);
  const areaOfCase = (l: AreaLevel) => (l === 'grid' ? summary.gridId : (summary.areaPath.find((a) => areas.byId.get(a)?.level === l) ?? ''));
  const defaultDepartment = departments.list.find((d) => d.code === category?.departmentCode)?.id ?? departments.list[0]?.id ?? '';
  const [areaId, setAreaId] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [verifierId, setVerifierId] = useState('');

  // Reference data arrives after the first render: fill the defaults once it has.
  const chosenArea = level === 'department' ? '' : areaId || areaOfCase(level);
  const chosenDepartment = departmentId || defaultDepartment;
  const options = useMemo(() => areas.list.filter((a) => a.level === level).sort((a, b) => a.code.localeCompare(b.code)), [areas.list, level]);
  const people = useUsers(level === 'department' ? { departmentId: chosenDepartment || undefined } : { areaId: chosenArea || undefined });
  const candidates = people.list.filter((u) => ROLES_AT[level].includes(u.role) && (level === 'department' || u.areaId === chosenArea));
  const verifiers = useUsers({ areaId: summary.gridId }).list.filter((u) => u.role === 'grid_worker' || u.role === 'grid_leader');

  const unit: HandlingUnitDto | null =
    level === 'department' ? (chosenDepartment ? { level, departmentId: chosenDepartment } : null) : chosenArea ? { level, areaId: chosenArea } : null;
  const unitKey = JSON.stringify(unit);
  useEffect(() => {
    onChange({ unit, assigneeId: assigneeId || null, verifierId: verifierId || null });
    // unitKey stands for unit (a new object every render)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitKey, assigneeId, verifierId, onChange]);

  return (
    <div className={form.row}>
      <label className={form.field}>
        <span className={form.label}>{t('dispatch.level')}</span>
        <select
          className={form.select}
          value={level}
          onChange={(e) => {
            setLevel(e.target.value as UnitLevel);
            setAreaId('');
            setAssigneeId('');
          }}
        >
          {UNIT_LEVELS.filter((l) => l === 'department' || areas.list.some((a) => a.level === l)).map((l) => (
            <option key={l} value={l}>
              {l === 'department' ? t('dispatch.department') : levelLabel(l)}
            </option>
          ))}
        </select>
      </label>
      {level === 'department' ? (
        <label className={form.field}>
          <span className={form.label}>{t('dispatch.department')}</span>
          <select
            className={form.select}
            value={chosenDepartment}
            onChange={(e) => {
              setDepartmentId(e.target.value);
              setAssigneeId('');
            }}
            data-testid="dispatch-department"
          >
            {departments.list.map((d) => (
              <option key={d.id} value={d.id}>
                {departments.name(d.id)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className={form.field}>
          <span className={form.label}>{t('dispatch.unit')}</span>
          <select
            className={form.select}
            value={chosenArea}
            onChange={(e) => {
              setAreaId(e.target.value);
              setAssigneeId('');
            }}
            data-testid="dispatch-area"
          >
            {!chosenArea && <option value="">{t('dispatch.choose')}</option>}
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      )}
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
