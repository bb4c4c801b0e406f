import type { FollowCaseRequest, FollowCaseResponse, LatLng, NearbyCases } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import { useApiResource } from '../../../api/use-api-resource';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import styles from './front-desk-page.module.css';

/**
 * "Already reported nearby" (issue 18): before the request is registered, the open cases of its category near its
 * place. Following one subscribes the resident's phone to that case's notifications instead of opening a new case.
 */
export function NearbyCasesPanel({ categoryCode, location, phone }: { categoryCode: string | null; location: LatLng | null; phone: string }) {
  const { t, i18n } = useTranslation();
  const words = useTimeWords();
  const query = categoryCode && location ? `/api/public/nearby-cases?${new URLSearchParams({ categoryCode, lat: location.lat.toFixed(6), lng: location.lng.toFixed(6) }).toString()}` : null;
  const nearby = useApiResource<NearbyCases>(query, { authenticated: false });
  const [followed, setFollowed] = useState<FollowCaseResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (nearby.state !== 'ready' || nearby.data.items.length === 0) return null;

  const follow = async (caseCode: string) => {
    setError(null);
    if (!phone.trim()) {
      setError(t('residents.nearby.phoneNeeded'));
      return;
    }
    try {
      const body: FollowCaseRequest = { caseCode, phone: phone.trim() };
      setFollowed(await apiRequest<FollowCaseResponse>('/api/public/follows', { method: 'POST', body, authenticated: false }));
    } catch (e) {
      setError(apiErrorText(e, t));
    }
  };

  return (
    <section className={styles.nearby} data-testid="nearby-cases" aria-labelledby="nearby-title">
      <h2 id="nearby-title" className={styles.nearbyTitle}>
        {t('residents.nearby.title')}
      </h2>
      <p className={form.hint}>{t('residents.nearby.hint')}</p>
      <ul className={styles.nearbyList}>
        {nearby.data.items.map((c) => (
          <li key={c.code} data-testid="nearby-case">
            <span>
              <strong>{c.code}</strong> · {i18n.language === 'en' ? c.categoryNameEn : c.categoryName} · {t(`track.steps.${c.step === 'ended' ? 'closed' : c.step}`)} · {t('residents.nearby.distance', { m: c.distanceM })} · {words.at(c.reportedAt)}
            </span>
            {followed?.caseCode === c.code ? (
              <a href={followed.trackPath} target="_blank" rel="noreferrer" data-testid="nearby-followed">
                {t('residents.nearby.following', { contact: followed.contact })}
              </a>
            ) : (
              <button type="button" className={form.button} onClick={() => void follow(c.code)} data-testid="nearby-follow">
                {t('residents.nearby.follow')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className={form.alert} role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
