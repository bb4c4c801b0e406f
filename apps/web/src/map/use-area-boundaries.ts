import type { AreaFeatureCollection, AreaLevel } from '@grid/contracts';
import type { Resource } from '../api/use-api-resource';
import { useSharedResource } from '../api/use-shared-resource';

/** Boundaries of one level inside the user's scope (the API filters by scope), fetched once per session. */
export function useAreaBoundaries(level: AreaLevel): Resource<AreaFeatureCollection> & { reload: () => void } {
  return useSharedResource<AreaFeatureCollection>(`/api/areas/geojson?level=${level}`, { persist: false });
}
