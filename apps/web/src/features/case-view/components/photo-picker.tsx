import { type ChangeEvent, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { shrinkPhoto } from '../../../cases/photo-resize';
import styles from './photo-picker.module.css';

/** A photo taken on this device, not sent yet. */
export interface PickedPhoto {
  blob: Blob;
  takenAt: string;
}

/** The photos of a photo input, scaled down for sending, stamped with the time they were taken. */
export async function pickedPhotos(event: ChangeEvent<HTMLInputElement>): Promise<PickedPhoto[]> {
  const files = Array.from(event.target.files ?? []);
  event.target.value = ''; // the same photo may be picked again after removing it
  const takenAt = new Date().toISOString();
  return Promise.all(files.map(async (file) => ({ blob: await shrinkPhoto(file), takenAt: file.lastModified ? new Date(file.lastModified).toISOString() : takenAt })));
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
