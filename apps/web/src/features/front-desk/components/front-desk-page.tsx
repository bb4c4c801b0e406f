import { type CaseDetail, createCaseSchema, type LatLng, PRIORITIES, type Priority } from '@grid/contracts';
import { type FormEvent, lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { createCase } from '../../../cases/case-commands';
import { useAreas } from '../../../cases/use-reference-data';
import { useLocate } from '../../../map/use-locate';
import { apiErrorText, apiFieldErrors } from '../../../ui/api-error-text';
import { withoutProblems } from '../../../ui/field-problems';
import { Field } from '../../../ui/field';
import form from '../../../ui/form.module.css';
import { CategoryPicker } from '../../case-view/components/category-picker';
import { ExtraFields, useCategoryQuestions } from '../../case-view/components/extra-fields';
import { NearbyCasesPanel } from './nearby-cases';
import styles from './front-desk-page.module.css';
import { Receipt } from './receipt';

const LocationPicker = lazy(() => import('../../../map/location-picker').then((m) => ({ default: m.LocationPicker })));

type Channel = 'front_desk' | 'hotline';

/**
 * One window (一窗受理): a resident's walk-in or phone request in one form. Where: a click on the map, or
 * the village and the address the resident gives (the village's centre stands for the point). The API
 * routes it; the resident leaves with a case code and a tracking link.
 */
export function FrontDeskPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  return (
    <main className={styles.page}>
      {done ? (
        <Receipt
          detail={done}
          onNext={() => {
            setDone(null);
            setRound(round + 1);
          }}
        />
      ) : (
        <IntakeForm key={round} onDone={setDone} />
      )}
      <p className={styles.hint}>{t('frontDesk.hint')}</p>
    </main>
  );
}

function IntakeForm({ onDone }: { onDone: (detail: CaseDetail) => void }) {
  const { t } = useTranslation();
  const areas = useAreas();
  // One key per request: a double click or a retry after a lost answer registers the request once.
  const key = useMemo(() => newIdempotencyKey(), []);
  const [channel, setChannel] = useState<Channel>('front_desk');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const questions = useCategoryQuestions();
  const { categoryCode, setCategoryCode } = questions;
  const [priority, setPriority] = useState<Priority>('normal');
  const [description, setDescription] = useState('');
  const [villageId, setVillageId] = useState('');
  const [address, setAddress] = useState('');
  const [clicked, setClicked] = useState<LatLng | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // A problem goes as soon as its field is changed, with the server's refusal (it may no longer hold).
  const changed = (...fields: ReturnType<typeof fieldOf>[]) => {
    setErrors((problems) => withoutProblems(problems, ...fields));
    setFailure(null);
  };

  const villages = areas.list.filter((a) => a.level === 'village').sort((a, b) => a.code.localeCompare(b.code));
  const location = clicked ?? areas.byId.get(villageId)?.centroid ?? null;
  const located = useLocate(location);
  const district = areas.list.find((a) => a.level === 'district') ?? areas.list[0];
  const center = location ?? district?.centroid ?? { lat: 32.73, lng: 108.8 };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const request = {
      categoryCode: categoryCode ?? '',
      description: description.trim(),
      location: location ?? undefined,
      address: address.trim() || null,
      priority,
      source: channel,
      // A caller may stay anonymous (nothing given); a walk-in, or a caller who gives either, gives both.
      ...(channel === 'hotline' && !name.trim() && !phone.trim() ? {} : { reporter: { name: name.trim(), phone: phone.trim() } }),
      ...questions.request,
    };
    const parsed = createCaseSchema.safeParse(request);
    const extraProblem = questions.problem();
    if (!parsed.success || extraProblem) {
      const issues = parsed.success ? [] : parsed.error.issues.map((issue) => [fieldOf(issue.path), t(`frontDesk.invalid.${fieldOf(issue.path)}`)]);
      setErrors(Object.fromEntries([...issues, ...(extraProblem ? [['extraFields', extraProblem]] : [])]));
      return;
    }
    setErrors({});
    setFailure(null);
    setSending(true);
    try {
      onDone(await createCase(parsed.data, key));
    } catch (error) {
      setFailure(apiErrorText(error, t));
      setErrors(Object.fromEntries(Object.entries(apiFieldErrors(error)).map(([path, message]) => [fieldOf(path.split('.')), message])));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className={styles.layout} onSubmit={submit} noValidate data-testid="front-desk-form">
      <section className={styles.card} aria-labelledby="intake-title">
        <h1 id="intake-title" className={styles.title}>
          {t('frontDesk.title')}
        </h1>
        <div className={form.chips} role="group" aria-label={t('frontDesk.channel')}>
          {(['front_desk', 'hotline'] as const).map((c) => (
            <button
              key={c}
              type="button"
              className={form.chip}
              aria-pressed={channel === c}
              onClick={() => {
                setChannel(c);
                changed('reporterName', 'reporterPhone');
              }}
            >
              {t(`frontDesk.channels.${c}`)}
            </button>
          ))}
        </div>
        <div className={styles.pair}>
          <Field label={channel === 'hotline' ? `${t('frontDesk.name')} ${t('common.optional')}` : t('frontDesk.name')} error={errors['reporterName']}>
            <input className={form.input} name="name" value={name} onChange={(e) => {
                setName(e.target.value);
                changed('reporterName');
              }} autoComplete="off" />
          </Field>
          <Field label={channel === 'hotline' ? `${t('frontDesk.phone')} ${t('common.optional')}` : t('frontDesk.phone')} error={errors['reporterPhone']}>
            <input className={form.input} name="phone" type="tel" inputMode="tel" value={phone} onChange={(e) => {
                setPhone(e.target.value);
                changed('reporterPhone');
              }} autoComplete="off" />
          </Field>
        </div>
        {channel === 'hotline' && <p className={form.hint}>{t('frontDesk.anonymousHint')}</p>}
        <div className={styles.pair}>
          <Field label={t('report.category')} error={errors['categoryCode']}>
            <CategoryPicker
              value={categoryCode}
              onChange={(code) => {
                setCategoryCode(code);
                changed('categoryCode', 'extraFields');
              }} label={t('report.category')} testId="front-desk-category" />
          </Field>
          <Field label={t('frontDesk.priority')}>
            <select className={form.select} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <ExtraFields
          {...questions.inputs}
          onChange={(values) => {
            questions.inputs.onChange(values);
            changed('extraFields');
          }}
        />
        {errors['extraFields'] && (
          <p className={form.fieldError} role="alert">
            {errors['extraFields']}
          </p>
        )}
        <Field label={`${t('report.description')} ${t('common.optional')}`}>
          <textarea className={form.textarea} name="description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={3} />
        </Field>
        <div className={styles.pair}>
          <Field label={t('frontDesk.village')} error={errors['location']}>
            <select className={form.select} value={villageId} onChange={(e) => {
                setVillageId(e.target.value);
                changed('location');
              }}
              data-testid="front-desk-village"
            >
              <option value="">{t('dispatch.choose')}</option>
              {villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={`${t('frontDesk.address')} ${t('common.optional')}`}>
            <input className={form.input} name="address" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />
          </Field>
        </div>
        <p className={styles.where} data-testid="front-desk-where">
          {!location && t('frontDesk.whereNone')}
          {location && (clicked ? t('frontDesk.whereClicked') : t('frontDesk.whereVillage'))}
          {located.state === 'found' && ` · ${located.located.grid.name}`}
          {located.state === 'outside' && <span className={styles.warn}> · {t('report.outside')}</span>}
        </p>
        <NearbyCasesPanel categoryCode={categoryCode} location={location} phone={phone} />
        {failure && (
          <p className={form.alert} role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className={`${form.button} ${form.primary} ${form.big}`} disabled={sending} data-testid="front-desk-submit">
          {sending ? t('actions.sending') : t('frontDesk.submit')}
        </button>
      </section>
      <section className={styles.mapCard} aria-label={t('map.pickLocation')}>
        <Suspense fallback={<p className={styles.where}>{t('common.loading')}</p>}>
          <LocationPicker center={center} value={location} follow={clicked ? null : (areas.byId.get(villageId)?.centroid ?? null)} onPick={(at) => {
              setClicked(at);
              changed('location');
            }} zoom={clicked || villageId ? 15 : 12} height="100%" />
        </Suspense>
      </section>
    </form>
  );
}

/** Which of our messages fits a refused field (the schema's own messages are English and technical). */
function fieldOf(path: readonly PropertyKey[]): 'reporterName' | 'reporterPhone' | 'categoryCode' | 'location' | 'extraFields' | 'other' {
  const [first, second] = path.map(String);
  if (first === 'reporter') return second === 'phone' ? 'reporterPhone' : 'reporterName';
  if (first === 'categoryCode' || first === 'location' || first === 'extraFields') return first;
  return 'other';
}
