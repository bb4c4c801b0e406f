import type { CaseEventKind, CaseStatus, PublicStep, ResidentNoticeKind } from '@grid/contracts';
import { SHANGHAI_TIME_ZONE } from '../calendar/local-time.util';
import type { Instant } from '../shared/instant.util';

/** The step of the closed loop a resident sees for a status (the tracking page's words). */
export function publicStepOf(status: CaseStatus): PublicStep {
  switch (status) {
    case 'reported':
      return 'received';
    case 'registered':
      return 'registered';
    case 'dispatched':
    case 'accepted':
    case 'in_progress':
      return 'handling';
    case 'handled':
    case 'verified':
      return 'handled';
    case 'closed':
      return 'closed';
    case 'rejected':
    case 'cancelled':
      return 'ended';
  }
}

/**
 * What a resident is told of a case event: accepted (签收), a question from the handler (补充材料), and the
 * result once the case is closed (办结: after verification, so a result reworked is never announced). A missed
 * promise is found by a sweep, not by an event (`overdue`).
 */
export function residentNoticeOf(event: { kind: CaseEventKind; note?: string | null }): { kind: ResidentNoticeKind; text: string | null } | null {
  switch (event.kind) {
    case 'accepted':
      return { kind: 'accepted', text: null };
    case 'info_requested':
      return { kind: 'info_requested', text: event.note ?? null };
    case 'closed':
      return { kind: 'resolved', text: null };
    default:
      return null;
  }
}

export interface ResidentMessageInput {
  caseCode: string;
  /** The tracking page's address for this resident. */
  link: string;
  promisedAt: Instant | null;
  /** The question (info_requested) or the result (resolved). */
  text: string | null;
}

/** A message as every channel needs it: the gateway's template code and parameters, and the whole text (console, log). */
export interface ResidentMessage {
  templateCode: string;
  params: Record<string, string>;
  text: string;
}

const SMS_TEXT_MAX = 60;

/** 2026-12-08T09:30:00Z → 12月08日17:30 (Beijing time). */
export function beijingShortTime(instant: Instant): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: SHANGHAI_TIME_ZONE, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}月${part('day')}日${part('hour')}:${part('minute')}`;
}

const clip = (text: string, max = SMS_TEXT_MAX) => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
};

/** The zh-CN text of each notice, with `{name}` placeholders (the SMS gateway's template carries the same). */
export const RESIDENT_TEMPLATES: Readonly<Record<ResidentNoticeKind, string>> = {
  accepted: '您反映的问题（编号{code}）已受理，正在办理，承诺{promised}前办结。进度：{link}',
  info_requested: '您反映的问题（编号{code}）需要补充情况：{text}。请联系办理人员或查看：{link}',
  resolved: '您反映的问题（编号{code}）已办结：{text}。欢迎评价，不满意可在7日内申请重办：{link}',
  overdue: '您反映的问题（编号{code}）未能在承诺时间{promised}前办结，已督促加快办理，给您带来不便深表歉意。进度：{link}',
};

/** The message of a notice, ready for any channel: pure, from the case's facts. */
export function residentMessageOf(kind: ResidentNoticeKind, input: ResidentMessageInput): ResidentMessage {
  const params: Record<string, string> = {
    code: input.caseCode,
    promised: input.promisedAt ? beijingShortTime(input.promisedAt) : '规定时限',
    text: input.text ? clip(input.text) : kind === 'resolved' ? '详见办理结果' : '',
    link: input.link,
  };
  const text = RESIDENT_TEMPLATES[kind].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  return { templateCode: `resident_${kind}`, params, text };
}
