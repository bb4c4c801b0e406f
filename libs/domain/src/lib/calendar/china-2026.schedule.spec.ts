import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHINA_2026 } from './china-2026.schedule';

/** The shipped data is exactly chinese-days' 2026 schedule (read here, at test time only). */
it('matches chinese-days 2026', () => {
  const file = join(require.resolve('chinese-days/package.json'), '..', 'dist', 'years', '2026.json');
  const source = JSON.parse(readFileSync(file, 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  expect(Object.keys(CHINA_2026.holidays)).toEqual(Object.keys(source.holidays));
  expect(Object.keys(CHINA_2026.makeUpWorkdays)).toEqual(Object.keys(source.workdays));
});
