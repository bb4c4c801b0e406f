import type { AreaLevel, AreaOutlinesResponse } from '@grid/contracts';
import { decodeOutlines, type Outlines, outlinesBounds } from '@grid/geo';
import { type Resource, useApiResource } from '../api/use-api-resource';

/** The compact boundaries of one level, decoded once for every component that draws them. */
export interface AreaOutlines {
  level: AreaLevel;
  ids: readonly string[];
  codes: readonly string[];
  names: readonly string[];
  parent: readonly number[];
  parents: readonly { id: string; path: readonly string[] }[];
  shapes: Outlines;
  /** Area id → its index in the arrays above. */
  indexOf: ReadonlyMap<string, number>;
  /** [west, south, east, north] of them all; null when there is none. */
  bounds: [number, number, number, number] | null;
}

const decoded = new WeakMap<AreaOutlinesResponse, AreaOutlines>();

function decode(answer: AreaOutlinesResponse): AreaOutlines {
  let outlines = decoded.get(answer);
  if (!outlines) {
    const shapes = decodeOutlines(answer);
    const { level, ids, codes, names, parent, parents } = answer;
    outlines = { level, ids, codes, names, parent, parents, shapes, indexOf: new Map(ids.map((id, i) => [id, i])), bounds: outlinesBounds(shapes) };
    decoded.set(answer, outlines);
  }
  return outlines;
}

/**
 * Boundaries of one level inside the user's scope (GET /api/areas/outlines: quantized and delta-encoded,
 * a third of the GeoJSON, revalidated by ETag), for maps that draw thousands of areas. Fetched once per
 * session and shared; not kept on the device (too large).
 */
export function useAreaOutlines(level: AreaLevel): Resource<AreaOutlines> & { reload: () => void } {
  const resource = useApiResource<AreaOutlinesResponse>(`/api/areas/outlines?level=${level}`, { shared: true });
  if (resource.state !== 'ready') return resource;
  try {
    return { state: 'ready', data: decode(resource.data), reload: resource.reload };
  } catch (error) {
    return { state: 'failed', error: error instanceof Error ? error : new Error(String(error)), reload: resource.reload };
  }
}
