import type { CaseEventDraft, CaseState } from '@grid/domain';

/**
 * Simulated cases have no ids yet (the API gives them when it stores them), so a merged duplicate and
 * a duplicate candidate name their case as `history:<index>`: its position in the simulated list.
 */
export const HISTORY_CASE_REF_PREFIX = 'history:';

export const historyCaseRef = (index: number): string => `${HISTORY_CASE_REF_PREFIX}${index}`;

interface WithTimeline {
  events: CaseEventDraft[];
  state: CaseState;
}

/**
 * The cases with every `history:<index>` reference replaced by `ids[index]` (the ids the caller gives
 * the cases, in the same order): `mainCaseId` of merged events, `duplicateCandidateIds` of reported
 * events, and the projected `mergedInto` and `flags.duplicateCandidateIds`.
 */
export function withCaseIds<C extends WithTimeline>(cases: readonly C[], ids: readonly string[]): C[] {
  if (ids.length !== cases.length) throw new RangeError(`${cases.length} cases need as many ids, got ${ids.length}`);
  const idOf = (ref: string): string => {
    if (!ref.startsWith(HISTORY_CASE_REF_PREFIX)) return ref;
    const id = ids[Number(ref.slice(HISTORY_CASE_REF_PREFIX.length))];
    if (id === undefined) throw new RangeError(`no case for ${ref}`);
    return id;
  };
  return cases.map((c) => ({
    ...c,
    events: c.events.map((e): CaseEventDraft => {
      if (e.kind === 'merged') return { ...e, data: { mainCaseId: idOf(e.data.mainCaseId) } };
      if (e.kind === 'reported') return { ...e, data: { ...e.data, duplicateCandidateIds: e.data.duplicateCandidateIds.map(idOf) } };
      return e;
    }),
    state: {
      ...c.state,
      mergedInto: c.state.mergedInto === null ? null : idOf(c.state.mergedInto),
      flags: { ...c.state.flags, duplicateCandidateIds: c.state.flags.duplicateCandidateIds.map(idOf) },
    },
  }));
}
