import type { LatLng, LocateResponse } from '@grid/contracts';
import { useEffect, useState } from 'react';
import { apiRequest } from '../api/api-client';
import { ApiRequestError } from '../api/api-request-error';

export type Located = { state: 'idle' | 'looking' | 'offline' } | { state: 'found'; located: LocateResponse } | { state: 'outside' };

/** Which grid a point falls in (GET /api/areas/locate), looked up once the point stops moving. */
export function useLocate(point: LatLng | null): Located {
  const [result, setResult] = useState<Located>({ state: 'idle' });
  const lat = point?.lat;
  const lng = point?.lng;
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setResult({ state: 'looking' });
      apiRequest<LocateResponse>(`/api/areas/locate?lat=${lat}&lng=${lng}`, { signal: controller.signal })
        .then((located) => setResult({ state: 'found', located }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setResult(error instanceof ApiRequestError && error.status === 404 ? { state: 'outside' } : { state: 'offline' });
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [lat, lng]);
  return result;
}
