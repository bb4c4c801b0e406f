import type { CategoryExtraField } from '@grid/contracts';
import { checkExtraFields, describeExtraFields, describeWithExtraFields } from './check-extra-fields';

const options = (...keys: string[]) => keys.map((key) => ({ key, name: `名${key}`, nameEn: key }));
const FIELDS: CategoryExtraField[] = [
  { code: 'size', name: '大小', nameEn: 'Size', type: 'singlevaluelist', required: true, options: options('small', 'large') },
  { code: 'kinds', name: '种类', nameEn: 'Kinds', type: 'multivaluelist', required: false, options: options('a', 'b', 'c') },
  { code: 'depth', name: '深度', nameEn: 'Depth', type: 'number', required: false },
  { code: 'seen', name: '发现时间', nameEn: 'Seen at', type: 'datetime', required: false },
  { code: 'note', name: '备注', nameEn: 'Note', type: 'string', required: false },
];

describe('checkExtraFields', () => {
  it.each([
    ['the required field alone', { size: 'small' }, { size: 'small' }],
    ['a multiple list, in the list’s order, duplicates once', { size: 'large', kinds: ['c', 'a', 'c'] }, { size: 'large', kinds: ['a', 'c'] }],
    ['one value of a multiple list given as a string', { size: 'large', kinds: 'b' }, { size: 'large', kinds: ['b'] }],
    ['a number and a date-time', { size: 'small', depth: '-0.5', seen: '2026-11-23T08:00:00Z' }, { size: 'small', depth: '-0.5', seen: '2026-11-23T08:00:00Z' }],
    ['values trimmed, empty optional ones dropped', { size: ' small ', note: '  ', depth: '' }, { size: 'small' }],
  ])('accepts %s', (_what, given, expected) => {
    expect(checkExtraFields(FIELDS, given)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a missing required field', {}, 'missing_field', 'attribute[size]'],
    ['a blank required field', { size: ' ' }, 'missing_field', 'attribute[size]'],
    ['a key not in the list', { size: 'huge' }, 'invalid_field', 'attribute[size]'],
    ['two values for a single list', { size: ['small', 'large'] }, 'invalid_field', 'attribute[size]'],
    ['a key not in a multiple list', { size: 'small', kinds: ['a', 'z'] }, 'invalid_field', 'attribute[kinds]'],
    ['a number that is not one', { size: 'small', depth: '3 m' }, 'invalid_field', 'attribute[depth]'],
    ['a date-time without its zone', { size: 'small', seen: '2026-11-23T08:00:00' }, 'invalid_field', 'attribute[seen]'],
    ['an impossible date', { size: 'small', seen: '2026-13-45T08:00:00Z' }, 'invalid_field', 'attribute[seen]'],
    ['an over-long text', { size: 'small', note: 'x'.repeat(501) }, 'invalid_field', 'attribute[note]'],
    ['a field the category does not have', { size: 'small', colour: 'red' }, 'invalid_field', 'attribute[colour]'],
  ])('refuses %s', (_what, given, code, field) => {
    expect(checkExtraFields(FIELDS, given)).toMatchObject({ ok: false, refusal: { code, field } });
  });

  it('accepts anything for a category without extra fields but refuses unknown ones', () => {
    expect(checkExtraFields([], {})).toEqual({ ok: true, value: {} });
    expect(checkExtraFields([], { x: '1' })).toMatchObject({ ok: false, refusal: { code: 'invalid_field' } });
  });
});

describe('describeExtraFields', () => {
  it('names each option in the category’s field order', () => {
    expect(describeExtraFields(FIELDS, { kinds: ['a', 'c'], size: 'large', depth: '2' })).toEqual(['大小：名large', '种类：名a、名c', '深度：2']);
  });
});

describe('describeWithExtraFields', () => {
  it('puts the answers below the description, or stands alone without one', () => {
    expect(describeWithExtraFields('路面塌陷', FIELDS, { size: 'small' })).toBe('路面塌陷\n大小：名small');
    expect(describeWithExtraFields('', FIELDS, { size: 'small' })).toBe('大小：名small');
    expect(describeWithExtraFields('路面塌陷', FIELDS, {})).toBe('路面塌陷');
  });
});
