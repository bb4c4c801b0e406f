import type { CaseStatus, CaseSummary } from '@grid/contracts';
import { useMemo } from 'react';
import { useCaseList } from '../../../cases/use-cases';

export interface MapFilter {
  /** A zone or village: cases whose area path holds it. */
  areaId: string | null;
  /** A category or a whole parent category. */
  categoryCode: string | null;
  statuses: readonly CaseStatus[];
}

export const NO_FILTER: MapFilter = { areaId: null, categoryCode: null, statuses: [] };

export interface GridLoad {
  open: number;
  overdue: number;
}

/**
 * Every open case in the user's scope (all pages, kept live by the socket), narrowed by the wall's
 * filters on the client so that switching a filter redraws at once without a request.
 */
export function useMapCases(filter: MapFilter): {
  /** In the chosen area and category, any status (the key figures count these). */
  scoped: CaseSummary[] | null;
  /** What the map shows: also in the chosen statuses. */
  cases: CaseSummary[];
  byGrid: ReadonlyMap<string, GridLoad>;
  error: Error | null;
} {
  const open = useCaseList({ open: true }, { all: true });
  const all = open.data?.items;
  const { areaId, categoryCode, statuses } = filter;
  const scoped = useMemo(
    () =>
      all?.filter(
        (c) =>
          (!areaId || c.areaPath.includes(areaId) || c.gridId === areaId) &&
          (!categoryCode || c.categoryCode === categoryCode || c.categoryCode.startsWith(`${categoryCode}.`)),
      ) ?? null,
    [all, areaId, categoryCode],
  );
  const cases = useMemo(() => (scoped ?? []).filter((c) => statuses.length === 0 || statuses.includes(c.status)), [scoped, statuses]);
  const byGrid = useMemo(() => {
    const counts = new Map<string, GridLoad>();
    for (const c of cases) {
      const load = counts.get(c.gridId) ?? { open: 0, overdue: 0 };
      load.open += 1;
      if (c.slaState === 'overdue') load.overdue += 1;
      counts.set(c.gridId, load);
    }
    return counts;
  }, [cases]);
  return { scoped, cases, byGrid, error: open.data ? null : open.error };
}
