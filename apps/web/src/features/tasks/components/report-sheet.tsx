import type { LatLng, SessionUser } from '@grid/contracts';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoUpload } from '../../../cases/case-commands';
import { useCaseList } from '../../../cases/use-cases';
import { useAreas, useCategories } from '../../../cases/use-reference-data';
import { useLocate } from '../../../map/use-locate';
import { enqueue } from '../../../outbox/outbox';
import { useOnline } from '../../../outbox/use-online';
import { CategoryPicker } from '../../case-view/components/category-picker';
import { ExtraFields, useCategoryQuestions } from '../../case-view/components/extra-fields';
import { type PickedPhoto, PhotoPicker } from '../../case-view/components/photo-picker';
import form from '../../../ui/form.module.css';
import { taskFilters } from '../hooks/task-filters';
import { rememberCategory, useCategoryChoices } from '../hooks/use-category-choices';
import type { DevicePosition, GeolocationProblem } from '../hooks/use-geolocation';
import styles from './report-sheet.module.css';

const LocationPicker = lazy(() => import('../../../map/location-picker').then((m) => ({ default: m.LocationPicker })));

export interface ReportSheetProps {
  user: SessionUser;
  initialPhotos: PickedPhoto[];
  geo: { position: DevicePosition | null; problem: GeolocationProblem };
  onClose: () => void;
  /** The report is queued; `online` says whether it is being sent now. */
  onQueued: (online: boolean) => void;
}

/**
 * Reporting an incident: the photo is already taken (tap 1), the position comes from GPS, a category is
 * one tap on a chip (tap 2), and "report" is tap 3. Everything else is optional. The report is queued on
 * the phone with its Idempotency-Key, so a lost connection loses nothing and sends nothing twice.
 */
export function ReportSheet({ user, initialPhotos, geo, onClose, onQueued }: ReportSheetProps) {
  const { t } = useTranslation();
  const categories = useCategories();
  const areas = useAreas();
  const [photos, setPhotos] = useState(initialPhotos);
  const questions = useCategoryQuestions();
  const { categoryCode, setCategoryCode } = questions;
  const [description, setDescription] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [selfHandled, setSelfHandled] = useState(false);
  const [result, setResult] = useState(() => t('report.selfHandledDefault'));
  const [resultPhotos, setResultPhotos] = useState<PickedPhoto[]>([]);
  const [tapped, setTapped] = useState<LatLng | null>(null);
  const [mapOpen, setMapOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const gps = geo.position ? { lat: geo.position.lat, lng: geo.position.lng } : null;
  const location = tapped ?? gps;
  const located = useLocate(location);
  const grid = useCaseList(taskFilters(user).grid, { persist: true });
  const choices = useCategoryChoices(user.id, location, grid.data?.items ?? []);
  const home = (user.areaId && areas.byId.get(user.areaId)?.centroid) || areas.list[0]?.centroid || { lat: 32.73, lng: 108.8 };
  const showMap = mapOpen || (!gps && geo.problem !== null);
  const online = useOnline();
  // Offline the server cannot say which grid the point is in: the worker's own grid, said to be unchecked.
  const ownGrid = user.areaId ? areas.byId.get(user.areaId)?.name : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!categoryCode) return setProblem(t('report.needCategory'));
    if (!location) return setProblem(t('report.needLocation'));
    const extraProblem = questions.problem();
    if (extraProblem) return setProblem(extraProblem);
    if (selfHandled && (!result.trim() || resultPhotos.length === 0)) return setProblem(t('report.needResult'));
    setSending(true);
    const stamp = (purpose: PhotoUpload['purpose']) => (p: PickedPhoto): PhotoUpload => ({
      file: p.blob,
      purpose,
      takenAt: p.takenAt,
      // Where the photo was taken: its EXIF position, else where the phone is now.
      ...(p.position ?? gps ?? location),
    });
    rememberCategory(user.id, categoryCode);
    await enqueue({
      kind: 'report',
      request: { categoryCode, description: description.trim(), location, priority: urgent ? 'urgent' : 'normal', ...questions.request },
      photos: photos.map(stamp('report')),
      selfHandled: selfHandled ? { result: result.trim(), photos: resultPhotos.map(stamp('result')) } : null,
    });
    onQueued(navigator.onLine);
  }

  return (
    <div className={styles.backdrop} role="dialog" aria-modal="true" aria-labelledby="report-title">
      <form className={styles.sheet} onSubmit={submit} noValidate data-testid="report-sheet">
        <header className={styles.head}>
          <h2 id="report-title" className={styles.title}>
            {t('report.title')}
          </h2>
          <button type="button" className={`${form.button} ${form.ghost}`} onClick={onClose}>
            {t('common.cancel')}
          </button>
        </header>
        {!online && (
          <p className={styles.offline} role="status" data-testid="report-offline">
            <strong>{t('outbox.offline')}</strong>
            {t('outbox.offlineHint')}
          </p>
        )}

        <PhotoPicker photos={photos} onChange={setPhotos} label={t('photos.take')} testId="report-photo" />

        <section className={styles.block} aria-labelledby="report-location">
          <div className={styles.blockHead}>
            <h3 id="report-location" className={styles.blockTitle}>
              {t('report.location')}
            </h3>
            <button type="button" className={`${form.button} ${form.ghost}`} onClick={() => setMapOpen(!showMap)} aria-expanded={showMap}>
              {showMap ? t('report.hideMap') : t('report.pickOnMap')}
            </button>
          </div>
          <p className={styles.where} data-testid="report-where">
            {location ? (
              <>
                {tapped ? t('report.tapped') : t('report.gps', { accuracy: Math.round(geo.position?.accuracy ?? 0) })}
                {located.state === 'found' && ` · ${located.located.grid.name}`}
                {located.state === 'outside' && <span className={styles.warn}> · {t('report.outside')}</span>}
                {located.state === 'offline' && ownGrid && ` · ${t('report.ownGridOffline', { grid: ownGrid })}`}
              </>
            ) : (
              <span className={styles.warn}>{geo.problem ? t(`report.gpsProblem.${geo.problem}`) : t('report.locating')}</span>
            )}
          </p>
          {showMap && (
            <Suspense fallback={<p className={styles.where}>{t('common.loading')}</p>}>
              <LocationPicker center={location ?? home} value={location} onPick={setTapped} />
            </Suspense>
          )}
        </section>

        <section className={styles.block} aria-labelledby="report-category">
          <h3 id="report-category" className={styles.blockTitle}>
            {t('report.category')}
          </h3>
          <div className={styles.choices}>
            {choices.map(({ category, why }) => (
              <button
                key={category.code}
                type="button"
                className={styles.choice}
                aria-pressed={categoryCode === category.code}
                onClick={() => setCategoryCode(category.code)}
                data-testid="category-chip"
                data-code={category.code}
              >
                <span>{categories.shortName(category.code)}</span>
                <span className={styles.why}>{t(`report.why.${why}`)}</span>
              </button>
            ))}
          </div>
          <CategoryPicker value={categoryCode} onChange={setCategoryCode} label={t('report.allCategories')} />
          <ExtraFields {...questions.inputs} />
        </section>

        <label className={form.field}>
          <span className={form.label}>
            {t('report.description')} {t('common.optional')}
          </span>
          <textarea className={form.textarea} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={2} />
        </label>

        <div className={styles.switches}>
          <label className={styles.switch}>
            <input type="checkbox" role="switch" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
            <span>{t('report.urgent')}</span>
          </label>
          <label className={styles.switch}>
            <input type="checkbox" role="switch" checked={selfHandled} onChange={(e) => setSelfHandled(e.target.checked)} data-testid="self-handled" />
            <span>{t('report.selfHandled')}</span>
          </label>
        </div>
        {selfHandled && (
          <section className={styles.block}>
            <label className={form.field}>
              <span className={form.label}>{t('actions.result')}</span>
              <textarea className={form.textarea} value={result} onChange={(e) => setResult(e.target.value)} maxLength={2000} rows={2} />
            </label>
            <PhotoPicker photos={resultPhotos} onChange={setResultPhotos} label={t('photos.result')} testId="report-result-photo" />
          </section>
        )}

        {problem && (
          <p className={form.alert} role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className={`${form.button} ${form.primary} ${form.big} ${styles.submit}`} disabled={sending || !categoryCode || !location} data-testid="report-submit">
          {selfHandled ? t('report.submitSelfHandled') : t('report.submit')}
        </button>
      </form>
    </div>
  );
}
