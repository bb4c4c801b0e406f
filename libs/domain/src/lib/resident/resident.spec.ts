import { CASE_STATUSES } from '@grid/contracts';
import { maskContact, maskPhoneNumber, maskPhoneNumbersIn } from './mask-contact';
import { beijingShortTime, publicStepOf, residentMessageOf, residentNoticeOf } from './resident-notices';

describe('publicStepOf', () => {
  it.each([
    ['reported', 'received'],
    ['registered', 'registered'],
    ['dispatched', 'handling'],
    ['accepted', 'handling'],
    ['in_progress', 'handling'],
    ['handled', 'handled'],
    ['verified', 'handled'],
    ['closed', 'closed'],
    ['rejected', 'ended'],
    ['cancelled', 'ended'],
  ] as const)('%s → %s', (status, step) => expect(publicStepOf(status)).toBe(step));

  it('covers every status', () => {
    for (const status of CASE_STATUSES) expect(publicStepOf(status)).toBeTruthy();
  });
});

describe('residentNoticeOf', () => {
  it.each([
    ['accepted', 'accepted'],
    ['info_requested', 'info_requested'],
    ['closed', 'resolved'],
    ['completed', null],
    ['dispatched', null],
    ['rated', null],
    ['sla_overdue', null],
  ] as const)('%s → %s', (kind, notice) => expect(residentNoticeOf({ kind })?.kind ?? null).toBe(notice));

  it('carries the question of an info request', () => {
    expect(residentNoticeOf({ kind: 'info_requested', note: '请提供具体门牌号' })).toEqual({ kind: 'info_requested', text: '请提供具体门牌号' });
  });
});

describe('residentMessageOf', () => {
  const input = { caseCode: 'HK20261207-0042', link: 'https://gov.example/track/abc', promisedAt: '2026-12-08T09:30:00.000Z', text: null };

  it('fills the zh-CN template with the promise in Beijing time', () => {
    const m = residentMessageOf('accepted', input);
    expect(m.templateCode).toBe('resident_accepted');
    expect(m.text).toBe('您反映的问题（编号HK20261207-0042）已受理，正在办理，承诺12月08日17:30前办结。进度：https://gov.example/track/abc');
    expect(m.params).toMatchObject({ code: 'HK20261207-0042', promised: '12月08日17:30', link: input.link });
  });

  it('clips a long result and never leaves a placeholder', () => {
    const m = residentMessageOf('resolved', { ...input, text: '已清理'.repeat(40) });
    expect([...m.params['text']]).toHaveLength(60);
    expect(m.text).not.toMatch(/\{\w+\}/);
    expect(residentMessageOf('overdue', { ...input, promisedAt: null }).text).toContain('规定时限');
  });

  it('formats times across the date line of Beijing', () => expect(beijingShortTime('2026-12-31T16:05:00.000Z')).toBe('01月01日00:05'));
});

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '861****5678'],
    ['5551234', '*****34'],
  ])('%s → %s', (phone, masked) => expect(maskPhoneNumber(phone)).toBe(masked));

  it('masks contacts by channel', () => {
    expect(maskContact('sms', '13812345678')).toBe('138****5678');
    expect(maskContact('wechat', 'oABCDEFG1234wxyz')).toBe('wx…wxyz');
  });

  it('masks every phone number inside a text, and nothing else', () => {
    expect(maskPhoneNumbersIn('gateway: invalid mobile 13812345678 (code 4003)')).toBe('gateway: invalid mobile 138****5678 (code 4003)');
    expect(maskPhoneNumbersIn('HTTP 500')).toBe('HTTP 500');
  });
});
