import { CLOCK_KINDS, EXTRA_FIELD_TYPES, HANDLING_LEVELS, PRIORITIES, type CategoryDto, type CategoryExtraField, type ExtraFieldType, type Priority, type UpdateCategoryRequest } from '@grid/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategoryWords } from '../../../cases/use-category-words';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import { apiErrorText, apiFieldErrors } from '../../../ui/api-error-text';
import { Field } from '../../../ui/field';
import form from '../../../ui/form.module.css';
import { useCategoryList, useDepartmentList, useUpdateCategory } from '../hooks/use-category-admin';
import { VersionHistory } from './version-history';
import styles from './categories-admin.module.css';

/**
 * The console's responsibility list (权责清单): the categories, one category's edit (level, department, limits per
 * priority, verification, points, extra questions, names) saved as a new version with a reason and an optional
 * date, and its version history. Old cases keep the version they were routed under.
 */
export function CategoriesAdmin() {
  const { t } = useTranslation();
  const words = useCategoryWords();
  const categories = useCategoryList();
  const departments = useDepartmentList();
  const departmentByCode = useMemo(() => new Map((departments.data ?? []).map((d) => [d.code, d])), [departments.data]);
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const all = useMemo(() => categories.data ?? [], [categories.data]);
  const byCode = useMemo(() => new Map(all.map((c) => [c.code, c])), [all]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return all.filter((c) => !q || c.code.includes(q) || c.name.includes(q) || c.nameEn.toLowerCase().includes(q));
  }, [all, search]);
  const current = selected ? byCode.get(selected) : undefined;

  return (
    <div className={styles.layout} data-testid="categories-admin">
      <section className={styles.list} aria-label={t('responsibilityList.admin.listLabel')}>
        <div className={styles.listTop}>
          <input className={form.input} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('responsibilityList.admin.search')} aria-label={t('responsibilityList.admin.search')} />
          <a className={styles.link} href="/responsibilities" target="_blank" rel="noreferrer">
            {t('responsibilityList.admin.publicLink')}
          </a>
        </div>
        {categories.isPending && <p className={styles.muted}>{t('common.loading')}</p>}
        {categories.isError && <p className={form.alert}>{apiErrorText(categories.error, t)}</p>}
        <ul className={styles.items}>
          {shown.map((c) => (
            <li key={c.code}>
              <button type="button" className={styles.item} aria-pressed={c.code === selected} data-testid="category-item" data-code={c.code} onClick={() => setSelected(c.code)}>
                <span className={styles.itemName}>
                  {c.parentCode && <span className={styles.muted}>{words.name(byCode.get(c.parentCode) ?? c)} · </span>}
                  {words.name(c)}
                </span>
                <span className={styles.itemMeta}>
                  <span>{words.unit(c.handlingLevel, (c.departmentCode && departmentByCode.get(c.departmentCode)) || null)}</span>
                  <span>{words.limit(c.timeLimits.normal)}</span>
                  <span>v{c.version}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className={styles.detail}>
        {current ? (
          <>
            <CategoryEditor key={current.code} category={current} />
            <VersionHistory code={current.code} />
          </>
        ) : (
          <p className={styles.muted}>{t('responsibilityList.admin.select')}</p>
        )}
      </section>
    </div>
  );
}

/** An extra question as the form holds it: its options as lines `key|名称|Name`. */
type FieldDraft = Omit<CategoryExtraField, 'options'> & { options: string };

type LimitDrafts = Record<Priority, { acceptHours: string; handleHours: string }>;

const toFieldDraft = (f: CategoryExtraField): FieldDraft => ({ ...f, options: (f.options ?? []).map((o) => `${o.key}|${o.name}|${o.nameEn}`).join('\n') });

function toExtraField(d: FieldDraft): CategoryExtraField {
  const list = d.type === 'singlevaluelist' || d.type === 'multivaluelist';
  const options = d.options
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [key = '', name = '', nameEn = ''] = line.split('|').map((part) => part.trim());
      return { key, name, nameEn: nameEn || name };
    });
  const { options: _text, ...rest } = d;
  return { ...rest, ...(list ? { options } : {}) };
}

/** A number typed in a field; what is not one goes to the server as is, which names the field. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** `datetime-local` is the district's wall-clock time (Beijing time), whatever the browser's zone. */
const effectiveInstant = (local: string): string | undefined => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined);

function CategoryEditor({ category }: { category: CategoryDto }) {
  const { t } = useTranslation();
  const words = useCategoryWords();
  const departments = useDepartmentList();
  const update = useUpdateCategory(category.code);
  const time = useTimeWords();
  const [name, setName] = useState(category.name);
  const [nameEn, setNameEn] = useState(category.nameEn);
  const [handlingLevel, setHandlingLevel] = useState(category.handlingLevel);
  const [departmentCode, setDepartmentCode] = useState(category.departmentCode ?? '');
  const [clock, setClock] = useState(category.clock);
  const [limits, setLimits] = useState<LimitDrafts>(
    () => Object.fromEntries(PRIORITIES.map((p) => [p, { acceptHours: String(category.timeLimits[p].acceptHours), handleHours: String(category.timeLimits[p].handleHours) }])) as LimitDrafts,
  );
  const [requiresVerification, setRequiresVerification] = useState(category.requiresVerification);
  const [points, setPoints] = useState(String(category.points));
  const [fields, setFields] = useState<FieldDraft[]>(() => (category.extraFields ?? []).map(toFieldDraft));
  const [reason, setReason] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const errors = apiFieldErrors(update.error);
  const error = (path: string) => errors[path];
  const invalid = (path: string) => (errors[path] ? true : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: UpdateCategoryRequest = {
      name,
      nameEn,
      handlingLevel,
      departmentCode: departmentCode || null,
      clock,
      timeLimits: Object.fromEntries(PRIORITIES.map((p) => [p, { acceptHours: numberOf(limits[p].acceptHours), handleHours: numberOf(limits[p].handleHours) }])) as UpdateCategoryRequest['timeLimits'],
      requiresVerification,
      points: numberOf(points),
      extraFields: fields.map(toExtraField),
      reason,
      effectiveFrom: effectiveInstant(effectiveFrom),
    };
    update.mutate(body, {
      onSuccess: () => {
        setReason('');
        setEffectiveFrom('');
      },
    });
  };
  const setLimit = (p: Priority, which: 'acceptHours' | 'handleHours', value: string) => setLimits((l) => ({ ...l, [p]: { ...l[p], [which]: value } }));
  const setField = (i: number, patch: Partial<FieldDraft>) => setFields((all) => all.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  const otherErrors = Object.entries(errors).filter(([path]) => !/^(name|nameEn|handlingLevel|departmentCode|clock|timeLimits\.|requiresVerification|points|reason|effectiveFrom)/.test(path));

  return (
    <form className={styles.editor} onSubmit={submit} data-testid="category-editor" data-code={category.code} noValidate>
      <header className={styles.editorTop}>
        <h2 className={styles.heading}>{t('responsibilityList.admin.edit', { name: words.name(category) })}</h2>
        <span className={styles.badge}>{t('responsibilityList.admin.current', { version: category.version })}</span>
      </header>
      <div className={styles.grid2}>
        <Field label={t('responsibilityList.admin.name')} error={error('name')}>
          <input className={form.input} name="name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={invalid('name')} />
        </Field>
        <Field label={t('responsibilityList.admin.nameEn')} error={error('nameEn')}>
          <input className={form.input} name="nameEn" value={nameEn} onChange={(e) => setNameEn(e.target.value)} aria-invalid={invalid('nameEn')} />
        </Field>
        <Field label={t('responsibilityList.admin.level')} error={error('handlingLevel')}>
          <select className={form.select} name="handlingLevel" value={handlingLevel} onChange={(e) => setHandlingLevel(e.target.value as typeof handlingLevel)}>
            {HANDLING_LEVELS.map((level) => (
              <option key={level} value={level}>
                {words.unit(level, null)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('responsibilityList.admin.departmentCode')} error={error('departmentCode')}>
          <select className={form.select} name="departmentCode" value={departmentCode} onChange={(e) => setDepartmentCode(e.target.value)} aria-invalid={invalid('departmentCode')}>
            <option value="">{t('responsibilityList.admin.noDepartment')}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {words.name(d)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('responsibilityList.admin.clock')} error={error('clock')}>
          <select className={form.select} name="clock" value={clock} onChange={(e) => setClock(e.target.value as typeof clock)}>
            {CLOCK_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`responsibilityList.clockKind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('responsibilityList.admin.points')} error={error('points')}>
          <input className={form.input} name="points" type="number" step="1" value={points} onChange={(e) => setPoints(e.target.value)} aria-invalid={invalid('points')} />
        </Field>
      </div>

      <fieldset className={styles.fieldset}>
        <legend>{t('responsibilityList.admin.limits')}</legend>
        <div className={styles.limits}>
          {PRIORITIES.map((p) => (
            <div key={p} className={styles.limitRow}>
              <span className={styles.priority}>{t(`priority.${p}`)}</span>
              {(['acceptHours', 'handleHours'] as const).map((which) => (
                <Field key={which} label={t(`responsibilityList.admin.${which}`)} error={error(`timeLimits.${p}.${which}`)}>
                  <input
                    className={form.input}
                    name={`${p}.${which}`}
                    type="number"
                    min="0"
                    step="0.25"
                    inputMode="decimal"
                    value={limits[p][which]}
                    onChange={(e) => setLimit(p, which, e.target.value)}
                    aria-invalid={invalid(`timeLimits.${p}.${which}`)}
                  />
                </Field>
              ))}
            </div>
          ))}
        </div>
      </fieldset>

      <label className={styles.check}>
        <input type="checkbox" name="requiresVerification" checked={requiresVerification} onChange={(e) => setRequiresVerification(e.target.checked)} />
        {t('responsibilityList.admin.requiresVerification')}
      </label>

      <fieldset className={styles.fieldset}>
        <legend>{t('responsibilityList.admin.extraFields')}</legend>
        {fields.map((f, i) => (
          <div key={i} className={styles.extraField} data-testid="extra-field">
            <div className={styles.grid3}>
              <Field label={t('responsibilityList.admin.fieldCode')} error={error(`extraFields.${i}.code`)}>
                <input className={form.input} value={f.code} onChange={(e) => setField(i, { code: e.target.value })} aria-invalid={invalid(`extraFields.${i}.code`)} />
              </Field>
              <Field label={t('responsibilityList.admin.fieldName')} error={error(`extraFields.${i}.name`)}>
                <input className={form.input} value={f.name} onChange={(e) => setField(i, { name: e.target.value })} />
              </Field>
              <Field label={t('responsibilityList.admin.fieldNameEn')} error={error(`extraFields.${i}.nameEn`)}>
                <input className={form.input} value={f.nameEn} onChange={(e) => setField(i, { nameEn: e.target.value })} />
              </Field>
              <Field label={t('responsibilityList.admin.fieldType')}>
                <select className={form.select} value={f.type} onChange={(e) => setField(i, { type: e.target.value as ExtraFieldType })}>
                  {EXTRA_FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`responsibilityList.admin.fieldTypes.${type}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <label className={styles.check}>
                <input type="checkbox" checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} />
                {t('responsibilityList.admin.fieldRequired')}
              </label>
              <button type="button" className={`${form.button} ${form.danger}`} onClick={() => setFields((all) => all.filter((_, k) => k !== i))}>
                {t('responsibilityList.admin.removeField')}
              </button>
            </div>
            {(f.type === 'singlevaluelist' || f.type === 'multivaluelist') && (
              <Field label={t('responsibilityList.admin.fieldOptions')} error={error(`extraFields.${i}.options`) ?? Object.entries(errors).find(([k]) => k.startsWith(`extraFields.${i}.options.`))?.[1]}>
                <textarea className={form.textarea} value={f.options} onChange={(e) => setField(i, { options: e.target.value })} rows={3} />
              </Field>
            )}
          </div>
        ))}
        <button type="button" className={form.button} onClick={() => setFields((all) => [...all, { code: '', name: '', nameEn: '', type: 'string', required: false, options: '' }])}>
          {t('responsibilityList.admin.addField')}
        </button>
      </fieldset>

      <div className={styles.grid2}>
        <Field label={t('responsibilityList.admin.reason')} error={error('reason')}>
          <textarea className={form.textarea} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} aria-invalid={invalid('reason')} required />
        </Field>
        <Field label={t('responsibilityList.admin.effectiveFrom')} error={error('effectiveFrom')}>
          <input className={form.input} name="effectiveFrom" type="datetime-local" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} aria-invalid={invalid('effectiveFrom')} />
        </Field>
      </div>
      {update.isError && (
        <p className={form.alert} role="alert">
          {apiErrorText(update.error, t)}
          {otherErrors.map(([path, message]) => ` · ${path}: ${message}`).join('')}
        </p>
      )}
      {update.isSuccess && (
        <p className={form.notice} role="status" data-testid="category-saved">
          {update.data.status === 'scheduled'
            ? t('responsibilityList.admin.scheduledSaved', { version: update.data.version, date: time.at(update.data.effectiveFrom) })
            : t('responsibilityList.admin.saved', { version: update.data.version })}
        </p>
      )}
      <p className={styles.muted}>{t('responsibilityList.admin.oldCasesNote')}</p>
      <div className={form.row}>
        <button type="submit" className={`${form.button} ${form.primary}`} disabled={update.isPending} data-testid="category-save">
          {update.isPending ? t('responsibilityList.admin.saving') : t('responsibilityList.admin.save')}
        </button>
      </div>
    </form>
  );
}
