import { categoryListFileSchema, createCategorySchema, updateCategorySchema } from './categories';

const LIMITS = { normal: { acceptHours: 2, handleHours: 40 }, urgent: { acceptHours: 1, handleHours: 8 }, emergency: { acceptHours: 0.5, handleHours: 4 } };
const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.join('.')));

describe('a list edit (PUT /api/admin/categories/:code)', () => {
  it.each([
    ['a reason and one field', { reason: '加快响应', points: 3 }, []],
    ['a schedule with an offset', { reason: '明年执行', effectiveFrom: '2027-01-01T00:00:00+08:00', timeLimits: LIMITS }, []],
    ['no reason', { points: 3 }, ['reason']],
    ['a blank reason', { reason: '  ', points: 3 }, ['reason']],
    ['a limit of zero', { reason: 'xx', timeLimits: { ...LIMITS, normal: { acceptHours: 0, handleHours: 40 } } }, ['timeLimits.normal.acceptHours']],
    ['accept longer than handle', { reason: 'xx', timeLimits: { ...LIMITS, urgent: { acceptHours: 9, handleHours: 8 } } }, ['timeLimits.urgent.acceptHours']],
    ['a priority missing', { reason: 'xx', timeLimits: { normal: LIMITS.normal, urgent: LIMITS.urgent } }, ['timeLimits.emergency']],
    ['an unknown level', { reason: 'xx', handlingLevel: 'county' }, ['handlingLevel']],
    ['a department level without a department', { reason: 'xx', handlingLevel: 'department', departmentCode: null }, ['departmentCode']],
    ['a date without a zone', { reason: 'xx', effectiveFrom: '2027-01-01T00:00' }, ['effectiveFrom']],
    ['a list question without options', { reason: 'xx', extraFields: [{ code: 'size', name: '面积', nameEn: 'Size', type: 'singlevaluelist', required: true }] }, ['extraFields.0.options']],
    [
      'two questions with one code',
      { reason: 'xx', extraFields: [0, 1].map(() => ({ code: 'size', name: '面积', nameEn: 'Size', type: 'string', required: false })) },
      ['extraFields'],
    ],
  ])('%s', (_what, body, fields) => {
    expect(fieldsOf(updateCategorySchema.safeParse(body))).toEqual(fields);
  });
});

describe('a new category and a list file', () => {
  const leaf = { code: 'city.kiosk', parentCode: 'city', name: '报刊亭', nameEn: 'Kiosks', handlingLevel: 'grid', clock: 'working', timeLimits: LIMITS };

  it('takes a leaf under its parent, with defaults for the rest', () => {
    expect(createCategorySchema.parse({ ...leaf, reason: '新增' })).toMatchObject({ departmentCode: null, requiresVerification: true, points: 0, extraFields: [], sensitive: false });
  });

  it.each([
    ['a leaf named outside its parent', { ...leaf, code: 'street.kiosk' }, ['code']],
    ['a leaf without its parent', { ...leaf, parentCode: null }, ['code']],
    ['a code with capitals', { ...leaf, code: 'city.Kiosk' }, ['code']],
  ])('refuses %s', (_what, body, fields) => {
    expect(fieldsOf(createCategorySchema.safeParse({ ...body, reason: '新增' }))).toEqual(fields);
  });

  it('reads a file of categories, naming a bad entry by its place', () => {
    expect(fieldsOf(categoryListFileSchema.safeParse({ categories: [leaf] }))).toEqual([]);
    expect(fieldsOf(categoryListFileSchema.safeParse({ categories: [leaf, { ...leaf, timeLimits: { ...LIMITS, normal: { acceptHours: -1, handleHours: 1 } } }] }))).toEqual([
      'categories.1.timeLimits.normal.acceptHours',
    ]);
  });
});
