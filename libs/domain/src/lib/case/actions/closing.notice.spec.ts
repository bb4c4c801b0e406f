import { mainCaseClosedNotice } from './closing.action';

describe('mainCaseClosedNotice', () => {
  const main = { id: 'case-main', code: 'HK20261123-0001' };
  const at = '2026-11-23T08:00:00.000Z';

  it('records on a duplicate merged into the main case that the main case closed, by the system, status unchanged', () => {
    expect(mainCaseClosedNotice({ status: 'cancelled', mergedInto: 'case-main' }, main, at)).toEqual({
      kind: 'main_case_closed',
      fromStatus: 'cancelled',
      toStatus: 'cancelled',
      actorId: null,
      at,
      data: { mainCaseId: 'case-main', mainCaseCode: 'HK20261123-0001' },
    });
  });

  it('records nothing on a case merged elsewhere or not merged', () => {
    expect(mainCaseClosedNotice({ status: 'cancelled', mergedInto: 'case-other' }, main, at)).toBeNull();
    expect(mainCaseClosedNotice({ status: 'dispatched', mergedInto: null }, main, at)).toBeNull();
  });
});
