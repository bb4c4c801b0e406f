import { type ChangeEvent, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLng } from '@grid/contracts';
import { readPhotoFacts, shrinkPhoto } from '../../../cases/photo-resize';
import styles from './photo-picker.module.css';

/** A photo taken on this device, not sent yet. */
export interface PickedPhoto {
  blob: Blob;
  takenAt: string;
  /** Where the camera says it was taken (EXIF GPS), when it says so. */
  position?: LatLng;
}

/**
 * The photos of a photo input, scaled down for sending, stamped with when (and where) they were taken: the EXIF
 * time and GPS position when the camera wrote them, else the file's time (or now) and, later, the phone's position.
 */
export async function pickedPhotos(event: ChangeEvent<HTMLInputElement>): Promise<PickedPhoto[]> {
  const files = Array.from(event.target.files ?? []);
  event.target.value = ''; // the same photo may be picked again after removing it
  const now = new Date().toISOString();
  return Promise.all(
    files.map(async (file) => {
      const [blob, facts] = await Promise.all([shrinkPhoto(file), readPhotoFacts(file)]);
      const takenAt = facts.takenAt ?? (file.lastModified ? new Date(file.lastModified).toISOString() : now);
      return { blob, takenAt, ...(facts.position ? { position: facts.position } : {}) };
    }),
  );
}

export interface PhotoPickerProps {
  photos: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
  /** Words on the add button, e.g. 拍照 or 处置后照片. */
  label: string;
  max?: number;
  testId?: string;
}

/** Thumbnails and an add button that opens the phone's back camera (a file chooser on a desktop). */
export function PhotoPicker({ photos, onChange, label, max = 9, testId }: PhotoPickerProps) {
  const { t } = useTranslation();
  const urls = useMemo(() => photos.map((p) => URL.createObjectURL(p.blob)), [photos]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);

  return (
    <div className={styles.strip}>
      {photos.map((photo, index) => (
        <div key={urls[index]} className={styles.thumb}>
          <img src={urls[index]} alt={t('photos.picked', { n: index + 1 })} />
          <button type="button" className={styles.remove} aria-label={t('photos.remove')} onClick={() => onChange(photos.filter((p) => p !== photo))}>
            ×
          </button>
        </div>
      ))}
      {photos.length < max && (
        <label className={styles.add}>
          <span className={styles.plus} aria-hidden="true">
            +
          </span>
          {label}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            data-testid={testId}
            onChange={(event) => void pickedPhotos(event).then((added) => onChange([...photos, ...added].slice(0, max)))}
          />
        </label>
      )}
    </div>
  );
}
