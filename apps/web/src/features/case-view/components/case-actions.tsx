import { type CaseActionPath, caseActionBodySchemas, type CaseDetail, type LatLng } from '@grid/contracts';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionRequest } from '../../../cases/case-commands';
import { useCaseDetail } from '../../../cases/use-cases';
import { useDepartments } from '../../../cases/use-reference-data';
import { apiErrorText, apiFieldErrors } from '../../../ui/api-error-text';
import { issueProblems, problemText, withoutProblems } from '../../../ui/field-problems';
import { Field } from '../../../ui/field';
import form from '../../../ui/form.module.css';
import { ACTION_SPECS, actionButtons, rateableDepartments } from './action-specs';
import styles from './case-actions.module.css';
import { DispatchFields, type DispatchValue } from './dispatch-fields';
import { type PickedPhoto, PhotoPicker } from './photo-picker';
import { WhistleFields } from './whistle-fields';

/** Takes an action: sends it (the desk) or queues it (the phone). Throws when it was refused. */
export type ActionRunner = (request: ActionRequest) => Promise<void>;

export interface CaseActionsProps {
  detail: CaseDetail;
  run: ActionRunner;
  /** Where this device is (the phone): result photos carry it, so the verifier sees where they were taken. */
  position?: LatLng | null;
  /** Big touch targets, one per row (the phone). */
  touch?: boolean;
  /** Actions waiting to be sent for this case: their buttons are shown as pending. */
  pending?: readonly CaseActionPath[];
}

/** The action buttons of a case — exactly its `allowedActions` — each opening the form its body needs. */
export function CaseActions({ detail, run, position = null, touch = false, pending = [] }: CaseActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CaseActionPath | null>(null);
  const [busy, setBusy] = useState<CaseActionPath | null>(null);
  const [error, setError] = useState<string | null>(null);
  const buttons = actionButtons(detail.allowedActions, detail);
  const clearError = useCallback(() => setError(null), []);

  const submit = async (request: ActionRequest) => {
    setBusy(request.action);
    setError(null);
    try {
      await run(request);
      setOpen(null);
    } catch (failure) {
      // A refused field is shown at the field by the open form; the alert is for the rest.
      const atFields = open !== null && Object.keys(apiFieldErrors(failure)).length > 0;
      setError(atFields ? null : apiErrorText(failure, t));
      throw failure;
    } finally {
      setBusy(null);
    }
  };

  if (buttons.length === 0) return <p className={styles.none}>{t('actions.none')}</p>;

  return (
    <section className={styles.actions} aria-label={t('actions.title')} data-testid="case-actions">
      <div className={`${styles.buttons} ${touch ? styles.touch : ''}`}>
        {buttons.map((action) => {
          const spec = ACTION_SPECS[action];
          const waiting = pending.includes(action);
          return (
            <button
              key={action}
              type="button"
              className={`${form.button} ${touch ? form.big : ''} ${spec.tone === 'primary' ? form.primary : spec.tone === 'danger' ? form.danger : ''}`}
              aria-expanded={spec.instant ? undefined : open === action}
              disabled={busy !== null || waiting}
              data-action={action}
              onClick={() => {
                setError(null);
                if (spec.instant) void submit({ action, body: {}, photos: [] }).catch(() => undefined);
                else setOpen(open === action ? null : action);
              }}
            >
              {waiting ? t('actions.waiting', { action: t(`action.${action}`) }) : busy === action ? t('actions.sending') : t(`action.${action}`)}
            </button>
          );
        })}
      </div>
      {error && !open && (
        <p className={form.alert} role="alert">
          {error}
        </p>
      )}
      {open && (
        <ActionForm
          key={open}
          action={open}
          detail={detail}
          position={position}
          touch={touch}
          busy={busy === open}
          serverError={error}
          onEdit={clearError}
          onCancel={() => setOpen(null)}
          onSubmit={submit}
        />
      )}
    </section>
  );
}

interface ActionFormProps {
  action: CaseActionPath;
  detail: CaseDetail;
  position: LatLng | null;
  touch: boolean;
  busy: boolean;
  serverError: string | null;
  /** The user changed something: the server's last refusal no longer describes the form. */
  onEdit: () => void;
  onCancel: () => void;
  onSubmit: (request: ActionRequest) => Promise<void>;
}

function ActionForm({ action, detail, position, touch, busy, serverError, onEdit, onCancel, onSubmit }: ActionFormProps) {
  const { t } = useTranslation();
  const spec = ACTION_SPECS[action];
  const departments = useDepartments();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [hours, setHours] = useState(24);
  const [score, setScore] = useState(5);
  const rateable = rateableDepartments(detail);
  const [departmentId, setDepartmentId] = useState(rateable[0]?.departmentId ?? '');
  const [mainCaseId, setMainCaseId] = useState(detail.duplicateCandidateIds[0] ?? '');
  const [extra, setExtra] = useState<Record<string, unknown>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // A problem goes as soon as its field is changed, with the server's refusal (it may no longer hold).
  const edited = useCallback(
    (...paths: string[]) => {
      setFieldErrors((problems) => withoutProblems(problems, ...paths));
      onEdit();
    },
    [onEdit],
  );
  const setFields = useCallback(
    (value: Record<string, unknown>) => {
      setExtra(value);
      edited(...Object.keys(value));
    },
    [edited],
  );
  const setDispatch = useCallback((value: DispatchValue) => setFields({ ...value }), [setFields]);
  const noteLabel = t(spec.noteIsResult ? 'actions.result' : spec.note === 'required' ? 'actions.reason' : 'actions.note');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = note.trim();
    if (spec.note === 'required' && !trimmed) {
      setFieldErrors({ note: spec.noteIsResult ? problemText('note', 'required', t, t('problems.fields.result')) : t('actions.reasonRequired') });
      return;
    }
    const raw: Record<string, unknown> = { ...extra, ...(trimmed ? { note: trimmed } : {}) };
    if (spec.extra === 'hours') raw['hours'] = hours;
    if (spec.extra === 'score') raw['score'] = score;
    if (spec.extra === 'department') Object.assign(raw, { departmentId, score });
    if (spec.extra === 'merge') raw['mainCaseId'] = mainCaseId;
    const parsed = caseActionBodySchemas[action].safeParse(raw);
    if (!parsed.success) {
      setFieldErrors(issueProblems(parsed.error.issues, t));
      return;
    }
    setFieldErrors({});
    const uploads = photos.map((p) => ({ file: p.blob, purpose: spec.photos ?? 'progress', takenAt: p.takenAt, ...(p.position ?? position ?? {}) }));
    await onSubmit({ action, body: parsed.data, photos: uploads }).catch((failure: unknown) => setFieldErrors(apiFieldErrors(failure)));
  }

  const problems = Object.entries(fieldErrors).filter(([key, message]) => key !== 'note' && message !== serverError);
  return (
    <form className={styles.form} onSubmit={submit} noValidate data-testid={`action-form-${action}`}>
      <h3 className={styles.formTitle}>{t(`action.${action}`)}</h3>
      {spec.extra === 'dispatch' && <DispatchFields summary={detail} onChange={setDispatch} />}
      {spec.extra === 'whistle' && <WhistleFields onChange={setFields} areaId={detail.gridId} />}
      {spec.extra === 'hours' && (
        <Field label={t('actions.extensionHours')}>
          <input
            className={form.input}
            type="number"
            min={1}
            max={2000}
            value={hours}
            onChange={(e) => {
              setHours(Number(e.target.value));
              edited('hours');
            }}
          />
        </Field>
      )}
      {spec.extra === 'department' && (
        <Field label={t('dispatch.department')}>
          <select
            className={form.select}
            value={departmentId}
            onChange={(e) => {
              setDepartmentId(e.target.value);
              edited('departmentId');
            }}
          >
            {rateable.map((c) => (
              <option key={c.departmentId} value={c.departmentId}>
                {departments.name(c.departmentId)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {(spec.extra === 'score' || spec.extra === 'department') && (
        <ScoreField
          value={score}
          onChange={(n) => {
            setScore(n);
            edited('score');
          }}
        />
      )}
      {spec.extra === 'merge' && (
        <MergeField
          candidates={detail.duplicateCandidateIds}
          value={mainCaseId}
          onChange={(id) => {
            setMainCaseId(id);
            edited('mainCaseId');
          }}
        />
      )}
      {spec.note && (
        <Field label={`${noteLabel}${spec.note === 'optional' ? ` ${t('common.optional')}` : ''}`} error={fieldErrors['note']}>
          <textarea
            className={form.textarea}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              edited('note');
            }}
            maxLength={2000}
            aria-invalid={Boolean(fieldErrors['note']) || undefined}
            name="note"
          />
        </Field>
      )}
      {spec.photos && <PhotoPicker photos={photos} onChange={setPhotos} label={t(spec.photos === 'result' ? 'photos.result' : 'photos.take')} testId={`action-photo-${action}`} />}
      {problems.length > 0 && (
        <ul className={styles.problems} role="alert">
          {problems.map(([key, message]) => (
            <li key={key}>{message}</li>
          ))}
        </ul>
      )}
      {serverError && (
        <p className={form.alert} role="alert">
          {serverError}
        </p>
      )}
      <div className={form.row}>
        <button type="submit" className={`${form.button} ${form.primary} ${touch ? form.big : ''}`} disabled={busy} data-testid="action-submit">
          {busy ? t('actions.sending') : t('actions.confirm', { action: t(`action.${action}`) })}
        </button>
        <button type="button" className={`${form.button} ${form.ghost} ${touch ? form.big : ''}`} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ScoreField({ value, onChange }: { value: number; onChange: (score: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className={form.field}>
      <span className={form.label}>{t('actions.score')}</span>
      <div className={form.chips} role="group" aria-label={t('actions.score')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" className={form.chip} aria-pressed={value === n} aria-label={String(n)} onClick={() => onChange(n)}>
            {'★'.repeat(n)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Merge into one of the likely duplicates the API flagged, named by their codes. */
function MergeField({ candidates, value, onChange }: { candidates: string[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  if (candidates.length === 0) return <p className={styles.none}>{t('actions.noDuplicates')}</p>;
  return (
    <fieldset className={styles.departments}>
      <legend className={form.label}>{t('actions.mergeInto')}</legend>
      {candidates.map((id) => (
        <label key={id} className={styles.check}>
          <input type="radio" name="merge-main" checked={value === id} onChange={() => onChange(id)} />
          <CandidateName id={id} />
        </label>
      ))}
    </fieldset>
  );
}

function CandidateName({ id }: { id: string }) {
  const candidate = useCaseDetail(id);
  return <span>{candidate.data ? `${candidate.data.code} · ${candidate.data.description || '—'}` : '…'}</span>;
}
