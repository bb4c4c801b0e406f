import type { CaseDetail, CaseListResponse, CaseSummary } from '@grid/contracts';
import { type Query, queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../api/api-client';
import { cacheOwner, onCacheOwnerChange, PERSISTED_GC_TIME, queryClient } from '../api/query-client';
import { type CaseFilter, caseListPath, compareCases, matchesFilter } from './case-filter';

/**
 * The cases in the query cache (ADR 0013): lists and details are queries; what the API answers to an action
 * and what the live channel pushes patch them in place, so a view never asks again for what it was told.
 */

export interface ListOptions {
  /** Every page at once (the map); the filter's page and pageSize are ignored. */
  all?: boolean;
  /** Keep the last answer on the device, to show it when the phone starts without a connection. */
  persist?: boolean;
}

const PAGE_SIZE_MAX = 500;
/** A burst of live updates refreshes an incomplete list (a page, a count) once, not once per update. */
const REFRESH_DELAY_MS = 1200;
const DETAIL_REFRESH_DELAY_MS = 250;

type ListKey = readonly ['cases', 'list', boolean, CaseFilter];

export const caseKeys = {
  all: ['cases'] as const,
  lists: ['cases', 'list'] as const,
  list: (filter: CaseFilter, all: boolean): ListKey => ['cases', 'list', all, all ? { ...filter, page: undefined, pageSize: undefined } : filter],
  detail: (id: string) => ['cases', 'detail', id] as const,
};

/** The newest case event seq applied per case: an older push (a replay) never overwrites fresher data. */
const seqByCase = new Map<string, number>();
const refreshTimers = new Map<string, ReturnType<typeof setTimeout>>();
/** Queries whose answer on its way may predate a live update: asked again once it arrives. */
const askAgain = new Set<string>();

// The query client drops the previous user's data; what this module knows of it goes too.
onCacheOwnerChange(() => {
  seqByCase.clear();
  askAgain.clear();
  refreshTimers.forEach((timer) => clearTimeout(timer));
  refreshTimers.clear();
});

queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) return;
  if (askAgain.delete(event.query.queryHash)) refreshSoon(event.query, 0);
});

function noteSeq(detail: CaseDetail): void {
  const newest = detail.timeline.reduce((max, event) => Math.max(max, event.seq), 0);
  if (newest > (seqByCase.get(detail.id) ?? 0)) seqByCase.set(detail.id, newest);
}

/** Refetches a query shown on screen after `delayMs` (once for a burst); one nobody shows is refetched when shown. */
function refreshSoon(query: Query, delayMs: number): void {
  if (refreshTimers.has(query.queryHash)) return;
  const timer = setTimeout(() => {
    refreshTimers.delete(query.queryHash);
    void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
  }, delayMs);
  refreshTimers.set(query.queryHash, timer);
}

function markStale(query: Query): void {
  void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: 'none' });
}

async function loadAllPages(filter: CaseFilter, signal: AbortSignal): Promise<CaseListResponse> {
  const base = { ...filter, pageSize: PAGE_SIZE_MAX };
  const first = await apiRequest<CaseListResponse>(caseListPath({ ...base, page: 1 }), { signal });
  // More than the API counts (ADR 0022): page after page by cursor, each as cheap as the first.
  if (first.totalExact === false) {
    const items = [...first.items];
    for (let page = first; page.nextCursor; ) {
      page = await apiRequest<CaseListResponse>(caseListPath({ ...base, cursor: page.nextCursor }), { signal });
      items.push(...page.items);
    }
    return { items, total: items.length, totalExact: true, page: 1, pageSize: items.length, nextCursor: null };
  }
  const pages = Math.ceil(first.total / PAGE_SIZE_MAX);
  const rest: CaseListResponse[] = [];
  // A few pages at a time: the map of a large territory should not queue hundreds of requests at once.
  for (let page = 2; page <= pages; page += 4) {
    const batch = [];
    for (let p = page; p < page + 4 && p <= pages; p++) batch.push(apiRequest<CaseListResponse>(caseListPath({ ...base, page: p }), { signal }));
    rest.push(...(await Promise.all(batch)));
  }
  const items = [first, ...rest].flatMap((r) => r.items);
  return { items, total: Math.max(first.total, items.length), page: 1, pageSize: items.length };
}

/** Cases matching a filter: fresh until the live channel or an action says otherwise (then patched or refetched). */
export function caseListQuery(filter: CaseFilter, { all = false, persist = false }: ListOptions = {}) {
  return queryOptions({
    queryKey: caseKeys.list(filter, all),
    queryFn: ({ signal }) => (all ? loadAllPages(filter, signal) : apiRequest<CaseListResponse>(caseListPath(filter), { signal })),
    staleTime: Infinity,
    gcTime: persist ? PERSISTED_GC_TIME : undefined,
    meta: { persist },
  });
}

/** One case with its timeline, attachments, clocks and allowed actions. */
export function caseDetailQuery(id: string, persist = false) {
  return queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: async ({ signal }) => {
      const detail = await apiRequest<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, { signal });
      noteSeq(detail);
      return detail;
    },
    staleTime: Infinity,
    gcTime: persist ? PERSISTED_GC_TIME : undefined,
    meta: { persist },
  });
}

/** What a list keeps of a case the API returned in full (lists hold summaries, not timelines). */
function summaryOf(c: CaseSummary | CaseDetail): CaseSummary {
  if (!('timeline' in c)) return c;
  const { timeline, attachments, clocks, coHandlers, allowedActions, ...rest } = c;
  return rest;
}

/** Puts a changed case into every list it now belongs to and takes it out of those it left. */
function patchLists(changed: CaseSummary): void {
  const summary = summaryOf(changed);
  for (const query of queryClient.getQueryCache().findAll({ queryKey: caseKeys.lists })) {
    const [, , all, filter] = query.queryKey as unknown as ListKey;
    const data = query.state.data as CaseListResponse | undefined;
    if (query.state.fetchStatus === 'fetching') askAgain.add(query.queryHash);
    if (!data) {
      markStale(query);
      continue;
    }
    const index = data.items.findIndex((c) => c.id === summary.id);
    const belongs = matchesFilter(summary, filter, cacheOwner());
    if (index < 0 && !belongs) continue;
    let items = data.items.slice();
    let total = data.total;
    if (index >= 0 && belongs) items[index] = summary;
    else if (index >= 0) {
      items.splice(index, 1);
      total -= 1;
    } else {
      const onFirstPage = all || (filter.page ?? 1) === 1;
      total += 1;
      if (onFirstPage) items.push(summary);
    }
    items.sort(compareCases(filter.sort));
    const pageSize = all ? Infinity : (filter.pageSize ?? 50);
    if (items.length > pageSize) items = items.slice(0, pageSize);
    queryClient.setQueryData<CaseListResponse>(query.queryKey, { ...data, items, total });
    // A page or a count cannot tell where a case it does not hold went: ask the API again, once.
    if (!all && total > items.length) refreshSoon(query, REFRESH_DELAY_MS);
  }
}

/** A case as the API returned it after an action or a report: the freshest there is. */
export function putCaseDetail(detail: CaseDetail): void {
  noteSeq(detail);
  const key = caseKeys.detail(detail.id);
  const query = queryClient.getQueryCache().find({ queryKey: key, exact: true });
  if (query) {
    // A fetch on its way would bring an older case: dropped (cancelling reverts at once, so the answer stands).
    void queryClient.cancelQueries({ queryKey: key, exact: true });
    askAgain.delete(query.queryHash);
    queryClient.setQueryData(key, detail);
  }
  patchLists(detail);
}

/**
 * A live update (one case event with the case's new summary). Applied once per seq and never over newer
 * data; a detail on screen fetches its new timeline and allowed actions. False when it was already applied.
 */
export function applyCasePush(seq: number, summary: CaseSummary): boolean {
  if (seq <= (seqByCase.get(summary.id) ?? 0)) return false;
  seqByCase.set(summary.id, seq);
  patchLists(summary);
  const query = queryClient.getQueryCache().find({ queryKey: caseKeys.detail(summary.id), exact: true });
  if (!query) return true;
  if (query.state.fetchStatus === 'fetching') askAgain.add(query.queryHash);
  const data = query.state.data as CaseDetail | undefined;
  if (data) {
    queryClient.setQueryData<CaseDetail>(query.queryKey, { ...data, ...summary });
    refreshSoon(query, DETAIL_REFRESH_DELAY_MS);
  } else markStale(query);
  return true;
}

/** After a gap in the live channel that replay could not cover: everything may have changed. */
export function invalidateCases(): void {
  void queryClient.invalidateQueries({ queryKey: caseKeys.all });
}
