import { CASE_SORTS, CASE_STATUSES, PRIORITIES, SLA_STATES } from '@grid/contracts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CaseFilter, CaseSort } from '../../../cases/case-filter';

export const DESK_PAGE_SIZE = 50;

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] | undefined {
  const items = (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return items.length ? items : undefined;
}

/**
 * The desk's filter lives in the address bar (?status=…&sla=…&q=…), so a filtered list can be
 * bookmarked, shared and survives a reload. Open cases only unless `open=false`.
 */
export function useUrlFilter(fixed: CaseFilter = {}): { filter: CaseFilter; update: (patch: Partial<Record<keyof CaseFilter, string | null>>) => void } {
  const [params, setParams] = useSearchParams();
  const fixedKey = JSON.stringify(fixed);
  const filter = useMemo<CaseFilter>(() => {
    const sort = params.get('sort');
    const open = params.get('open');
    return {
      status: list(params.get('status'), CASE_STATUSES),
      sla: list(params.get('sla'), SLA_STATES),
      priority: list(params.get('priority'), PRIORITIES),
      categoryCode: params.get('categoryCode') || undefined,
      areaId: params.get('areaId') || undefined,
      q: params.get('q')?.trim() || undefined,
      open: open === 'all' ? undefined : true,
      sort: (CASE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CaseSort) : '-reportedAt',
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: DESK_PAGE_SIZE,
      ...(JSON.parse(fixedKey) as CaseFilter),
    };
  }, [params, fixedKey]);

  const update = (patch: Partial<Record<keyof CaseFilter, string | null>>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in patch)) next.delete('page'); // a new filter starts at its first page
        return next;
      },
      { replace: true },
    );
  return { filter, update };
}
