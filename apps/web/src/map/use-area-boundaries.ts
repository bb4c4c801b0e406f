import type { AreaFeatureCollection, AreaLevel } from '@grid/contracts';
import { type Resource, useApiResource } from '../api/use-api-resource';

/** Boundaries of one level inside the user's scope (the API filters by scope), fetched once per session. */
export function useAreaBoundaries(level: AreaLevel): Resource<AreaFeatureCollection> & { reload: () => void } {
  return useApiResource<AreaFeatureCollection>(`/api/areas/geojson?level=${level}`, { shared: true });
}
