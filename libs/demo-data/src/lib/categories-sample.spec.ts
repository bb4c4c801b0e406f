import { categoryListFileSchema } from '@grid/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultCategories } from './categories';

/** docs/samples/categories.json is the demo's list as a file (`npm run cli -- import-categories`): it must stay the same list. */
describe('the sample responsibility list', () => {
  const sample = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../docs/samples/categories.json'), 'utf8'));

  it('is a valid list file', () => {
    const parsed = categoryListFileSchema.safeParse(sample);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('holds the demo’s categories exactly, parents before their leaves', () => {
    const parsed = categoryListFileSchema.parse(sample);
    const byCode = new Map(parsed.categories.map((c) => [c.code, c]));
    expect([...byCode.keys()].sort()).toEqual(defaultCategories.map((c) => c.code).sort());
    for (const c of defaultCategories) expect(byCode.get(c.code)).toEqual({ ...c, extraFields: c.extraFields ?? [] });
    const position = new Map(parsed.categories.map((c, i) => [c.code, i]));
    for (const c of parsed.categories) if (c.parentCode) expect(position.get(c.parentCode)).toBeLessThan(position.get(c.code) as number);
  });
});
