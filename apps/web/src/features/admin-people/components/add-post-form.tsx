import { DEPARTMENT_ROLES, type AddPostRequest, type PersonDto } from '@grid/contracts';
import { postPlacementProblem } from '@grid/domain';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../../cases/use-reference-data';
import { apiErrorText } from '../../../ui/api-error-text';
import { Field } from '../../../ui/field';
import form from '../../../ui/form.module.css';
import { usePersonActions } from '../hooks/use-people';
import { usePostLabels } from '../hooks/use-post-labels';
import styles from './people-admin.module.css';

/** China time: the start of a chosen day, as the API takes it. */
const dayStart = (date: string) => (date ? `${date}T00:00:00+08:00` : undefined);

/** A new post for a person; as a transfer (调岗), one of their active posts ends when it starts. */
export function AddPostForm({ person, onDone }: { person: PersonDto; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = usePostLabels();
  const departments = useDepartments();
  const { addPost } = usePersonActions();
  const listId = useId();
  const [type, setType] = useState('grid_worker');
  const [areaText, setAreaText] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [from, setFrom] = useState('');
  const [replaces, setReplaces] = useState('');
  const role = labels.types.find((p) => p.code === type)?.role ?? 'grid_worker';
  const inDepartment = DEPARTMENT_ROLES.includes(role);
  // Only the areas where a post of this role may sit (a grid worker: grids).
  const areas = useMemo(() => labels.areas.filter((a) => postPlacementProblem(role, a) === null), [labels.areas, role]);
  const area = areas.find((a) => `${a.name} ${a.code}` === areaText || a.code === areaText.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: AddPostRequest = { type, ...(inDepartment ? { departmentId } : { areaId: area?.id ?? '' }), from: dayStart(from), ...(replaces ? { replacesPostId: replaces } : {}) };
    addPost.mutate({ person, body }, { onSuccess: onDone });
  }

  return (
    <form className={styles.inlineForm} onSubmit={submit} data-testid="add-post-form">
      <Field label={t('peopleAdmin.postType')}>
        <select className={form.select} value={type} onChange={(e) => setType(e.target.value)}>
          {labels.types.map((p) => (
            <option key={p.code} value={p.code}>
              {labels.typeLabel(p.code)}
              {p.dispatchable ? '' : ` (${t('peopleAdmin.noDispatch')})`}
            </option>
          ))}
        </select>
      </Field>
      {inDepartment ? (
        <Field label={t('peopleAdmin.department')}>
          <select className={form.select} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} required>
            <option value="">{t('peopleAdmin.choose')}</option>
            {departments.list.map((d) => (
              <option key={d.id} value={d.id}>
                {departments.name(d.id)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <Field label={t('peopleAdmin.area')}>
          <input className={form.input} list={listId} value={areaText} onChange={(e) => setAreaText(e.target.value)} placeholder={t('peopleAdmin.areaHint')} aria-invalid={Boolean(areaText) && !area} />
          <datalist id={listId}>
            {areas.map((a) => (
              <option key={a.id} value={`${a.name} ${a.code}`} />
            ))}
          </datalist>
        </Field>
      )}
      <Field label={t('peopleAdmin.from')}>
        <input className={form.input} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </Field>
      <Field label={t('peopleAdmin.replaces')}>
        <select className={form.select} value={replaces} onChange={(e) => setReplaces(e.target.value)}>
          <option value="">{t('peopleAdmin.noTransfer')}</option>
          {person.posts
            .filter((p) => p.active)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {labels.typeLabel(p.type)} · {labels.unitLabel(p)}
              </option>
            ))}
        </select>
      </Field>
      <div className={styles.actions}>
        <button type="submit" className={`${form.button} ${form.primary}`} disabled={addPost.isPending || (inDepartment ? !departmentId : !area)}>
          {t('peopleAdmin.save')}
        </button>
        <button type="button" className={form.button} onClick={onDone}>
          {t('peopleAdmin.cancel')}
        </button>
      </div>
      {addPost.error && <p className={form.alert}>{apiErrorText(addPost.error, t)}</p>}
    </form>
  );
}
