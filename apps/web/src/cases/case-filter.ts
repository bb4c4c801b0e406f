import type { CaseEventKind, CaseStatus, CaseSummary, caseListQuerySchema, Priority } from '@grid/contracts';
// The constants alone: the map's worker imports this file, and should not carry the contracts' schemas.
import { CASE_EVENT_KINDS } from '@grid/contracts/vocabulary';
import type { z } from 'zod';

/** A parsed GET /api/cases query (the contract's output type), so the client cannot ask for what the API does not know. */
export type CaseFilter = Partial<z.output<typeof caseListQuerySchema>>;
export type CaseSort = NonNullable<CaseFilter['sort']>;

/** Statuses after which nothing changes a case any more (the list API's `open=true` leaves them out). */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'cancelled'];

export function isOpen(status: CaseStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

/** The query string of a filter, keys in a fixed order so that equal filters give equal strings (cache keys). */
export function caseQueryString(filter: CaseFilter): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(filter).sort() as (keyof CaseFilter)[]) {
    const value = filter[key];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return params.toString();
}

export function caseListPath(filter: CaseFilter): string {
  const query = caseQueryString(filter);
  return query ? `/api/cases?${query}` : '/api/cases';
}

/**
 * Whether a case belongs in a list with this filter: how a live update decides to add a case to a list
 * or take it out. Mirrors the API's filters; `q` only approximates its text search.
 */
export function matchesFilter(c: CaseSummary, filter: CaseFilter, userId: string | null): boolean {
  if (filter.status && !filter.status.includes(c.status)) return false;
  if (filter.open === true && !isOpen(c.status)) return false;
  if (filter.open === false && isOpen(c.status)) return false;
  if (filter.areaId && c.gridId !== filter.areaId && !c.areaPath.includes(filter.areaId)) return false;
  if (filter.categoryCode && c.categoryCode !== filter.categoryCode && !c.categoryCode.startsWith(`${filter.categoryCode}.`)) return false;
  if (filter.priority && !filter.priority.includes(c.priority)) return false;
  if (filter.sla && !filter.sla.includes(c.slaState)) return false;
  if (filter.assigneeId && c.assigneeId !== (filter.assigneeId === 'me' ? userId : filter.assigneeId)) return false;
  if (filter.departmentId && !c.departmentIds.includes(filter.departmentId)) return false;
  // As the API: open for a department means its own part is open.
  if (filter.departmentId && filter.open === true && c.finishedDepartmentIds?.includes(filter.departmentId)) return false;
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    const { lat, lng } = c.location;
    if (lng < west || lng > east || lat < south || lat > north) return false;
  }
  if (filter.from && c.reportedAt < filter.from) return false;
  if (filter.to && c.reportedAt > filter.to) return false;
  if (filter.closedFrom && (c.closedAt === null || c.closedAt < filter.closedFrom)) return false;
  if (filter.closedTo && (c.closedAt === null || c.closedAt >= filter.closedTo)) return false;
  if (filter.q) {
    const words = filter.q.toLowerCase();
    const text = `${c.code} ${c.description} ${c.address ?? ''}`.toLowerCase();
    if (!text.includes(words)) return false;
  }
  return true;
}

const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, urgent: 1, normal: 2 };

/** The order of a sort, as the API applies it (null due times last). */
export function compareCases(sort: CaseSort = '-reportedAt'): (a: CaseSummary, b: CaseSummary) => number {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as 'reportedAt' | 'handleDueAt' | 'priority' | 'code';
  const sign = descending ? -1 : 1;
  return (a, b) => {
    switch (field) {
      case 'priority':
        return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.reportedAt.localeCompare(a.reportedAt);
      case 'handleDueAt':
        if (a.handleDueAt === b.handleDueAt) return 0;
        if (a.handleDueAt === null) return 1;
        if (b.handleDueAt === null) return -1;
        return sign * a.handleDueAt.localeCompare(b.handleDueAt);
      default:
        return sign * a[field].localeCompare(b[field]);
    }
  };
}

/** A live push names its event kind as a plain string: this says whether we have words for it. */
export function isCaseEventKind(kind: string): kind is CaseEventKind {
  return (CASE_EVENT_KINDS as readonly string[]).includes(kind);
}
