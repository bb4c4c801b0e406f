import { MAX_ROTA_FILE_BYTES, type LeaveDto, type PatternDto, type ShiftDto, type UserDto } from '@grid/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../../api/api-request-error';
import { useSession } from '../../../api/session-store';
import { useDepartments } from '../../../cases/use-reference-data';
import { ImportProblems } from '../../admin/components/import-problems';
import { importErrorText, oversizeText, type ImportWording } from '../../admin/components/import-text';
import {
  DAY_MS,
  downloadTemplate,
  instantOf,
  localParts,
  useAddLeave,
  useAddPattern,
  useAddShift,
  useApplyImport,
  useCheckImport,
  useDeleteLeave,
  useDeletePattern,
  useDeleteShift,
  useDepartmentStaff,
  useGrids,
  useWeek,
  useWorkers,
  weekStartOf,
  type RotaPlace,
} from '../hooks/use-rota';
import styles from './rota-admin.module.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const ROTA_WORDING: ImportWording = { problem: 'rota.problemCode', column: 'rota.columnName' };
type RotaKind = 'grid' | 'department';
type Weekday = (typeof WEEKDAYS)[number];

function errorText(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiRequestError && error.body?.fields) return Object.entries(error.body.fields).map(([field, message]) => `${field}: ${message}`).join('; ');
  return (error as Error).message;
}

/**
 * The duty rota (值班表) of a grid or, for administrators, of a department, on the same week calendar: its shifts
 * (one-off and from weekly patterns), and the forms to add shifts, weekly patterns and leave with a substitute,
 * and to import a workbook. Administrators see every grid and department; zone leaders the grids of their zone
 * (the API enforces it). A department's case goes to its staff member on duty (ADR 0010 addendum).
 */
export function RotaAdmin() {
  const { t } = useTranslation();
  const admin = useSession()?.user.role === 'admin';
  const grids = useGrids();
  const departments = useDepartments();
  const workers = useWorkers();
  const [kind, setKind] = useState<RotaKind>('grid');
  const [gridId, setGridId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [weekStart, setWeekStart] = useState(() => weekStartOf(Date.now()));
  useEffect(() => {
    if (!gridId && grids.data?.length) setGridId(grids.data[0].id);
  }, [gridId, grids.data]);
  useEffect(() => {
    if (!departmentId && departments.list.length) setDepartmentId(departments.list[0].id);
  }, [departmentId, departments.list]);
  const staff = useDepartmentStaff(kind === 'department' ? departmentId : null);
  const placeId = kind === 'grid' ? gridId : departmentId;
  const place = useMemo<RotaPlace | null>(() => (placeId === null ? null : kind === 'grid' ? { areaId: placeId } : { departmentId: placeId }), [kind, placeId]);
  const week = useWeek(place, weekStart);
  // A grid's own people first, then the zone's (a neighbour may stand in); a department's staff.
  const sortedPeople = useMemo(
    () =>
      kind === 'grid'
        ? [...(workers.data ?? [])].sort((a, b) => Number(b.areaId === gridId) - Number(a.areaId === gridId) || a.username.localeCompare(b.username))
        : [...(staff.data ?? [])].sort((a, b) => a.username.localeCompare(b.username)),
    [kind, workers.data, staff.data, gridId],
  );
  const leaves = useMemo(() => {
    const all = week.leaves.data ?? [];
    if (kind === 'grid') return all;
    const ids = new Set(sortedPeople.map((u) => u.id));
    return all.filter((l) => ids.has(l.userId));
  }, [kind, week.leaves.data, sortedPeople]);

  return (
    <section className={styles.rota} aria-labelledby="rota-title">
      <header className={styles.header}>
        <h1 id="rota-title">{t('rota.title')}</h1>
        {admin && (
          <label className={styles.field}>
            {t('rota.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as RotaKind)} data-testid="rota-kind">
              <option value="grid">{t('rota.kindGrid')}</option>
              <option value="department">{t('rota.kindDepartment')}</option>
            </select>
          </label>
        )}
        {kind === 'grid' ? (
          <label className={styles.field}>
            {t('rota.grid')}
            <select value={gridId ?? ''} onChange={(e) => setGridId(e.target.value)} data-testid="rota-grid">
              {(grids.data ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} · {g.code}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className={styles.field}>
            {t('rota.department')}
            <select value={departmentId ?? ''} onChange={(e) => setDepartmentId(e.target.value)} data-testid="rota-department">
              {departments.list.map((d) => (
                <option key={d.id} value={d.id}>
                  {departments.name(d.id)} · {d.code}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className={styles.weekNav}>
          <button type="button" onClick={() => setWeekStart((w) => w - 7 * DAY_MS)}>
            {t('rota.previousWeek')}
          </button>
          <span>{t('rota.weekOf', { date: localParts(weekStart).date })}</span>
          <button type="button" onClick={() => setWeekStart((w) => w + 7 * DAY_MS)}>
            {t('rota.nextWeek')}
          </button>
        </div>
        {week.onDuty.data && (
          <p className={styles.onDuty} data-testid="rota-on-duty">
            {t('rota.onDutyNow')}: {week.onDuty.data.users.map((u) => u.displayName).join('、') || t('rota.nobody')}
            {week.onDuty.data.rule && ` · ${t(`rota.rule.${week.onDuty.data.rule}`)}`}
          </p>
        )}
        {kind === 'department' && <p className={styles.muted}>{t('rota.departmentHint')}</p>}
      </header>
      {place && (
        <>
          <WeekCalendar weekStart={weekStart} shifts={week.shifts.data ?? []} />
          <div className={styles.forms}>
            <ShiftForm key={`shift-${placeId}`} place={place} people={sortedPeople} defaultDate={localParts(Math.max(Date.now(), weekStart)).date} />
            <PatternForm key={`pattern-${placeId}`} place={place} people={sortedPeople} />
            <LeaveForm people={sortedPeople} />
            <ImportForm />
          </div>
          <Lists patterns={week.patterns.data ?? []} leaves={leaves} />
        </>
      )}
    </section>
  );
}

function Lists({ patterns, leaves }: { patterns: PatternDto[]; leaves: LeaveDto[] }) {
  const { t } = useTranslation();
  const deletePattern = useDeletePattern();
  const deleteLeave = useDeleteLeave();
  return (
    <div className={styles.lists}>
      <section>
        <h2>{t('rota.patterns')}</h2>
        <ul className={styles.list}>
          {patterns.map((p) => (
            <li key={p.id}>
              {p.displayName} · {p.weekdays.map((d) => t(`rota.weekday.${d as Weekday}`)).join(' ')} {p.startTime}–{p.endTime}
              {p.night && ` (${t('rota.night')})`} · {p.from}–{p.to ?? ''}
              <button type="button" onClick={() => deletePattern.mutate(p.id)}>
                {t('rota.delete')}
              </button>
            </li>
          ))}
          {!patterns.length && <li className={styles.muted}>{t('rota.none')}</li>}
        </ul>
      </section>
      <section>
        <h2>{t('rota.leaves')}</h2>
        <ul className={styles.list}>
          {leaves.map((l) => (
            <li key={l.id}>
              {l.displayName} · {localParts(l.start).date} {localParts(l.start).time} – {localParts(l.end).date} {localParts(l.end).time}
              {l.substituteName && ` · ${t('rota.substitute')}: ${l.substituteName}`}
              <button type="button" onClick={() => deleteLeave.mutate(l.id)}>
                {t('rota.delete')}
              </button>
            </li>
          ))}
          {!leaves.length && <li className={styles.muted}>{t('rota.none')}</li>}
        </ul>
      </section>
    </div>
  );
}

function WeekCalendar({ weekStart, shifts }: { weekStart: number; shifts: ShiftDto[] }) {
  const { t } = useTranslation();
  const remove = useDeleteShift();
  const days = WEEKDAYS.map((d) => localParts(weekStart + (d - 1) * DAY_MS).date);
  return (
    <div className={styles.calendar} data-testid="rota-calendar">
      {days.map((date, i) => (
        <div key={date} className={styles.day}>
          <h3>
            {t(`rota.weekday.${WEEKDAYS[i]}`)} <span className={styles.muted}>{date.slice(5)}</span>
          </h3>
          {shifts
            .filter((s) => localParts(s.start).date === date)
            .map((s) => {
              const start = localParts(s.start).time;
              const end = localParts(s.end).time;
              return (
                <div key={s.id} className={styles.shift} data-night={end <= start} data-testid="rota-shift">
                  <strong>{s.displayName}</strong>
                  <span>
                    {start}–{end}
                    {end <= start && ` (${t('rota.night')})`}
                  </span>
                  {s.patternId ? (
                    <span className={styles.muted}>{t('rota.fromPattern')}</span>
                  ) : (
                    <button type="button" onClick={() => remove.mutate(s.id)} aria-label={t('rota.deleteShift', { name: s.displayName })}>
                      {t('rota.delete')}
                    </button>
                  )}
                </div>
              );
            })}
        </div>
      ))}
    </div>
  );
}

function PersonSelect({ people, value, onChange, label, optional }: { people: UserDto[]; value: string; onChange: (v: string) => void; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className={styles.field}>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} required={!optional}>
        <option value="">{optional ? t('rota.noSubstitute') : t('rota.choose')}</option>
        {people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} ({u.username})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Start and end times of day (an end at or before the start: the next morning). */
function TimeRange({ start, end, onStart, onEnd }: { start: string; end: string; onStart: (v: string) => void; onEnd: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.row}>
      <label className={styles.field}>
        {t('rota.start')}
        <input type="time" value={start} onChange={(e) => onStart(e.target.value)} required />
      </label>
      <label className={styles.field}>
        {t('rota.end')}
        <input type="time" value={end} onChange={(e) => onEnd(e.target.value)} required />
      </label>
    </div>
  );
}

function ShiftForm({ place, people, defaultDate }: { place: RotaPlace; people: UserDto[]; defaultDate: string }) {
  const { t } = useTranslation();
  const add = useAddShift();
  const [userId, setUserId] = useState('');
  const [date, setDate] = useState(defaultDate);
  const [start, setStart] = useState('08:30');
  const [end, setEnd] = useState('17:30');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An end at or before the start is the next morning (a night shift).
    const endDate = end <= start ? localParts(Date.parse(`${date}T00:00:00+08:00`) + DAY_MS).date : date;
    add.mutate({ userId, ...place, start: instantOf(date, start), end: instantOf(endDate, end) });
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label={t('rota.addShift')}>
      <h2>{t('rota.addShift')}</h2>
      <PersonSelect people={people} value={userId} onChange={setUserId} label={t('rota.person')} />
      <label className={styles.field}>
        {t('rota.date')}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <TimeRange start={start} end={end} onStart={setStart} onEnd={setEnd} />
      <button type="submit" disabled={add.isPending}>
        {t('rota.add')}
      </button>
      {add.error && <p className={styles.error} role="alert">{errorText(add.error)}</p>}
      {add.isSuccess && <p className={styles.ok}>{t('rota.saved')}</p>}
    </form>
  );
}

function PatternForm({ place, people }: { place: RotaPlace; people: UserDto[] }) {
  const { t } = useTranslation();
  const add = useAddPattern();
  const [userId, setUserId] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [start, setStart] = useState('08:30');
  const [end, setEnd] = useState('17:30');
  const [from, setFrom] = useState(localParts(Date.now()).date);
  const toggle = (d: number) => setWeekdays((days) => (days.includes(d) ? days.filter((x) => x !== d) : [...days, d].sort()));
  return (
    <form
      className={styles.form}
      aria-label={t('rota.addPattern')}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ userId, ...place, weekdays, startTime: start, endTime: end, from });
      }}
    >
      <h2>{t('rota.addPattern')}</h2>
      <PersonSelect people={people} value={userId} onChange={setUserId} label={t('rota.person')} />
      <fieldset className={styles.weekdays}>
        <legend>{t('rota.weekdays')}</legend>
        {WEEKDAYS.map((d) => (
          <label key={d}>
            <input type="checkbox" checked={weekdays.includes(d)} onChange={() => toggle(d)} />
            {t(`rota.weekday.${d}`)}
          </label>
        ))}
      </fieldset>
      <TimeRange start={start} end={end} onStart={setStart} onEnd={setEnd} />
      <label className={styles.field}>
        {t('rota.from')}
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <button type="submit" disabled={add.isPending}>
        {t('rota.add')}
      </button>
      {add.error && <p className={styles.error} role="alert">{errorText(add.error)}</p>}
    </form>
  );
}

function LeaveForm({ people }: { people: UserDto[] }) {
  const { t } = useTranslation();
  const add = useAddLeave();
  const today = localParts(Date.now()).date;
  const [userId, setUserId] = useState('');
  const [substituteId, setSubstituteId] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  return (
    <form
      className={styles.form}
      aria-label={t('rota.addLeave')}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ userId, start: instantOf(from, '00:00'), end: instantOf(localParts(Date.parse(`${to}T00:00:00+08:00`) + DAY_MS).date, '00:00'), substituteId: substituteId || null });
      }}
    >
      <h2>{t('rota.addLeave')}</h2>
      <PersonSelect people={people} value={userId} onChange={setUserId} label={t('rota.person')} />
      <div className={styles.row}>
        <label className={styles.field}>
          {t('rota.firstDay')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label className={styles.field}>
          {t('rota.lastDay')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
      </div>
      <PersonSelect people={people} value={substituteId} onChange={setSubstituteId} label={t('rota.substitute')} optional />
      <button type="submit" disabled={add.isPending}>
        {t('rota.add')}
      </button>
      {add.error && <p className={styles.error} role="alert">{errorText(add.error)}</p>}
    </form>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const check = useCheckImport();
  const apply = useApplyImport();
  const [oversize, setOversize] = useState<string | null>(null);
  const checked = check.data;
  const choose = (file: File | undefined) => {
    check.reset();
    apply.reset();
    const refused = oversizeText(file ?? null, MAX_ROTA_FILE_BYTES, t);
    setOversize(refused);
    if (file && !refused) check.mutate(file);
  };
  return (
    <div className={styles.form}>
      <h2>{t('rota.import')}</h2>
      <p className={styles.muted}>{t('rota.importHelp')}</p>
      <button type="button" onClick={() => void downloadTemplate()}>
        {t('rota.template')}
      </button>
      <label className={styles.field}>
        {t('rota.file')}
        <input type="file" accept=".xlsx" onChange={(e) => choose(e.target.files?.[0])} data-testid="rota-file" />
      </label>
      {(oversize ?? check.error) && (
        <p className={styles.error} role="alert" data-testid="rota-refused">
          {oversize ?? importErrorText(check.error, t)}
        </p>
      )}
      {checked && checked.status === 'invalid' && <ImportProblems problems={checked.problems} wording={ROTA_WORDING} testId="rota-problems" />}
      {checked && checked.status === 'valid' && !apply.isSuccess && (
        <p>
          {t('rota.importValid', checked.summary)}{' '}
          <button type="button" onClick={() => apply.mutate(checked.id)}>
            {t('rota.apply')}
          </button>
        </p>
      )}
      {apply.isSuccess && <p className={styles.ok}>{t('rota.applied')}</p>}
      {apply.error && <p className={styles.error} role="alert">{importErrorText(apply.error, t)}</p>}
    </div>
  );
}
