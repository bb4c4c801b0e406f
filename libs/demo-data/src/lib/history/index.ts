export * from './simulate-history';
export { HISTORY_CASE_REF_PREFIX, historyCaseRef, withCaseIds } from './history-refs';
