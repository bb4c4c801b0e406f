import { createInstance, type TFunction } from 'i18next';
import { ApiRequestError } from '../../../api/api-request-error';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import { importErrorText, oversizeText, problemText, type ImportWording } from './import-text';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

const PEOPLE: ImportWording = { problem: 'peopleAdmin.problem', column: 'peopleAdmin.column' };
const TERRITORY: ImportWording = { problem: 'territoryAdmin.problem', field: 'territoryAdmin.mapping' };
const ROTA: ImportWording = { problem: 'rota.problemCode', column: 'rota.columnName' };

describe('import problems in the console’s language', () => {
  it.each([
    ['zh-CN', PEOPLE, { code: 'phone_in_column', params: { value: '网格员', column: 'username' }, message: 'x' }, '“网格员”不是手机号；手机号填在了“用户名”列，请移到手机号列'],
    ['en', PEOPLE, { code: 'phone_in_column', params: { value: '网格员', column: 'username' }, message: 'x' }, '“网格员” is not a phone number; the phone number is in column “Username”: move it to the phone column'],
    ['zh-CN', TERRITORY, { code: 'overlap', params: { other: '610902107001002', area: '1.00 m²' }, message: 'x' }, '与 610902107001002 重叠 1.00 m²'],
    ['zh-CN', TERRITORY, { code: 'malformed_code', params: { context: 'grid', parentCode: '610902107001' }, message: 'x' }, '网格编码应为所属村编码 610902107001 后加 3 位数字'],
    ['zh-CN', TERRITORY, { code: 'wrong_parent_level', params: { level: 'grid', expected: 'village', parentLevel: 'zone', parentCode: 'Z1' }, message: 'x' }, '网格须在村（社区）之下，而不是片区（Z1）'],
    ['zh-CN', TERRITORY, { code: 'bad_number', params: { field: 'population', value: '很多' }, message: 'x' }, '人口“很多”不是非负整数，已留空'],
    ['zh-CN', ROTA, { code: 'place_not_grid', params: { value: '610902107001', level: 'village' }, message: 'x' }, '“610902107001”是村（社区），不是网格'],
    ['zh-CN', ROTA, { code: 'a_code_not_worded_yet', message: 'the server’s English' }, 'the server’s English'],
    ['zh-CN', ROTA, { message: 'no code at all' }, 'no code at all'],
  ] as const)('%s, wording %#', async (lng, wording, problem, text) => {
    expect(problemText(problem, await translator(lng), wording)).toBe(text);
  });

  it('words a refused file by its reason and values, falling back to the server’s message', async () => {
    const t = await translator('zh-CN');
    const refused = (reason: string | undefined, params?: Record<string, string | number>) =>
      new ApiRequestError(400, { statusCode: 400, error: 'BAD_REQUEST', message: 'the server’s words', ...(reason ? { reason } : {}), ...(params ? { params } : {}) }, null);
    expect(importErrorText(refused('unsupported_crs', { fileName: 'a.geojson', crs: 'EPSG:4547' }), t)).toBe('a.geojson 的坐标系“EPSG:4547”不受支持：请导出为 WGS 84（EPSG:4326）或 CGCS2000（EPSG:4490）');
    expect(importErrorText(refused('has_errors'), t)).toBe('the server’s words');
    expect(importErrorText(refused(undefined), t)).toBe('the server’s words');
  });

  it('refuses a file over the limit before it is sent', async () => {
    const t = await translator('en');
    expect(oversizeText({ name: 'big.csv', size: 51 * 1024 * 1024 }, 50 * 1024 * 1024, t)).toBe('big.csv is 51.0 MB, over the 50 MB limit: not uploaded. Split it into several files.');
    expect(oversizeText({ name: 'ok.csv', size: 50 * 1024 * 1024 }, 50 * 1024 * 1024, t)).toBeNull();
    expect(oversizeText(null, 1, t)).toBeNull();
  });
});
