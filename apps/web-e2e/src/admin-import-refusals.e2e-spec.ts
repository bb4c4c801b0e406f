import type { PeopleListResponse, TerritoryVersionDto } from '@grid/contracts';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient, type AreaDto } from './support/api';
import { baseUrl, describeInBrowser, openPage, saveScreenshot, sharedBrowser, signIn } from './support/browser';
import { currentTerritory } from './support/territory';

/**
 * Bad import files through the console (issue 17): each is refused, or its problems listed, with the place (row and
 * column; area code and point) and the reason in the user's language, and nothing of the import is applied.
 */
const OFFICE = { viewport: { width: 1440, height: 900 } };
const MB = 1024 * 1024;

/** A file of `bytes` spaces on disk: Playwright passes a file over 50 MB by its path, not as a buffer. */
function bigFile(name: string, bytes: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-refusals-')), name);
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(MB, 0x20);
  for (let written = 0; written < bytes; written += MB) fs.writeSync(fd, chunk, 0, Math.min(MB, bytes - written));
  fs.closeSync(fd);
  return file;
}

/** Longitude/latitude to Web Mercator metres: what a GIS exports when the projection is left on. */
function toMercator(coordinates: unknown): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number') {
    const [lng, lat] = coordinates as number[];
    return [(lng * Math.PI * 6378137) / 180, Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 6378137];
  }
  return coordinates.map(toMercator);
}

describeInBrowser('import refusals in the console (issue 17)', () => {
  const browser = sharedBrowser();
  let context: BrowserContext;
  let page: Page;
  let admin: ApiClient;
  let versionsBefore: number;

  beforeAll(async () => {
    admin = await ApiClient.signIn('admin');
  });
  beforeEach(async () => {
    ({ context, page } = await openPage(browser(), 'wall', OFFICE));
    await signIn(page, 'admin');
    versionsBefore = (await admin.get<TerritoryVersionDto[]>('/api/territory/versions')).length;
  });
  afterEach(async () => {
    await context.close();
  });

  describe('territory', () => {
    /** The refusal the page shows, once it says `text`. */
    const refusal = async (text: RegExp | string) => {
      const shown = page.getByRole('alert').filter({ hasText: text });
      await shown.waitFor();
      return shown.innerText();
    };
    const choose = async (file: string | { name: string; mimeType: string; buffer: Buffer }) => {
      await page.goto('/admin/territory');
      await page.getByRole('heading', { name: '导入辖区' }).waitFor();
      await page.locator('input[type=file]').setInputFiles(file);
    };
    const expectNothingApplied = async () => expect((await admin.get<TerritoryVersionDto[]>('/api/territory/versions')).length).toBe(versionsBefore);

    it.each([
      ['a GeoJSON cut short', 'cut.geojson', Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[108.7,32.7],'), /cut\.geojson 不是有效的 JSON，可能已损坏或被截断/],
      ['a corrupt zip', 'grids.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 0x41)]), /grids\.zip：zip 压缩包已损坏，无法打开/],
      ['a spreadsheet under a map name', 'grids.kml', Buffer.from('姓名,手机号\n张伟,13800000000\n'), /grids\.kml 不是 GeoJSON、KML 或 Shapefile 压缩包，可能已损坏/],
    ])('refuses %s, saying why in Chinese, and applies nothing', async (_name, name, buffer, reason) => {
      await choose({ name, mimeType: 'application/octet-stream', buffer });
      await page.getByRole('button', { name: '检查文件' }).click();
      await expect(refusal(reason)).resolves.toMatch(reason);
      await expectNothingApplied();
    });

    it('refuses a file over 50 MB in the browser before sending it; the server too, at once, with its limit', async () => {
      const file = bigFile('territory.geojson', 51 * MB);
      await choose(file);
      await expect(refusal('超过 50 MB')).resolves.toBe('territory.geojson 有 51.0 MB，超过 50 MB 的上限，未上传。请拆分为几个文件后再导入。');
      await expect(page.getByRole('button', { name: '检查文件' }).isDisabled()).resolves.toBe(true);
      await saveScreenshot(page, 'admin-import-too-large', 'wall');

      // An API user's upload of the same file: cut off with 413 and the limit, well before a timeout.
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(file)]), 'territory.geojson');
      const started = Date.now();
      const res = await fetch(`${baseUrl()}/api/admin/territory/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ reason: 'file_too_large', params: { limitMb: 50 }, message: expect.stringMatching(/larger than 50 MB/) });
      expect(Date.now() - started).toBeLessThan(15_000);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      await expectNothingApplied();
    }, 90_000);

    it('lists a grid exported in projected metres with its code and the coordinates, in Chinese; refuses a file in an unknown system', async () => {
      const territory = await currentTerritory(admin);
      const [grid] = await admin.get<AreaDto[]>('/api/areas?level=grid');
      const feature = territory.features.find((f) => f.properties['code'] === grid.code);
      if (!feature) throw new Error('the grid is not in the territory');
      feature.geometry = { type: feature.geometry.type, coordinates: toMercator(feature.geometry.coordinates) };
      await choose({ name: 'mercator.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(territory)) });
      await page.getByRole('button', { name: '检查文件' }).click();
      await page.getByText(/不能导入：\d+ 个错误/).waitFor();
      const problem = page.getByRole('list', { name: /问题/ }).getByRole('button').filter({ hasText: grid.code }).filter({ hasText: '坐标不在中国境内' });
      await expect(problem.innerText()).resolves.toMatch(/错误 坐标不在中国境内 · \d+\s+坐标（1\d{7}\.\d+, 3\d{6}\.\d+）不是中国境内的经纬度：文件是否为投影坐标而缺少 \.prj/);
      await expect(page.getByRole('button', { name: /应用/ }).isDisabled()).resolves.toBe(true);
      await saveScreenshot(page, 'admin-territory-misprojected', 'wall');

      territory.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } };
      await choose({ name: 'cgcs-gk.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(territory)) });
      await page.getByRole('button', { name: '检查文件' }).click();
      await expect(refusal('不受支持')).resolves.toMatch(/cgcs-gk\.geojson 的坐标系“urn:ogc:def:crs:EPSG::4547”不受支持：请导出为 WGS 84（EPSG:4326）或 CGCS2000（EPSG:4490）/);
      await expectNothingApplied();
    }, 120_000);
  });

  describe('people', () => {
    const open = async () => {
      await page.goto('/admin/people');
      await page.getByTestId('people-view-import').click();
    };

    it('refuses a corrupt workbook and a file over 50 MB with the reason in Chinese, creating nobody', async () => {
      const before = (await admin.get<PeopleListResponse>('/api/admin/people?includeDisabled=true')).total;
      await open();
      await page.getByTestId('import-file').setInputFiles({ name: '人员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 0x7a)]) });
      await page.getByTestId('import-check').click();
      await expect(page.getByTestId('import-refused').innerText()).resolves.toBe('工作簿已损坏，无法读取');

      const file = bigFile('人员.csv', 50 * MB + 1);
      await page.getByTestId('import-file').setInputFiles(file);
      await expect(page.getByTestId('import-refused').innerText()).resolves.toBe('人员.csv 有 50.0 MB，超过 50 MB 的上限，未上传。请拆分为几个文件后再导入。');
      await expect(page.getByTestId('import-check').isDisabled()).resolves.toBe(true);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      expect((await admin.get<PeopleListResponse>('/api/admin/people?includeDisabled=true')).total).toBe(before);
    });
  });

  describe('rota', () => {
    const chooseRota = async (file: string | { name: string; mimeType: string; buffer: Buffer }) => {
      await page.goto('/admin/rota');
      await page.getByTestId('rota-calendar').waitFor();
      await page.getByTestId('rota-file').setInputFiles(file);
    };

    it('lists a workbook’s problems by row and column in Chinese (English on the switch), and refuses what is not a workbook', async () => {
      const [grid] = await admin.get<AreaDto[]>('/api/areas?level=grid');
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('值班表');
      sheet.addRow(['日期/星期', '网格/部门编码', '用户名', '开始', '结束', '顶岗人', '生效日期', '截止日期']);
      sheet.addRow(['2030-09-01', 'NO-SUCH', 'grid001', '08:30', '17:30', '', '', '']);
      sheet.addRow(['2030-09-02', grid.code, 'grid001', '8点', '17:30', '', '', '']);
      await chooseRota({ name: 'rota.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('日期,编码\n') });
      await expect(page.getByTestId('rota-refused').innerText()).resolves.toBe('不是 Excel 工作簿（.xlsx，Excel 2007 及以后版本）');
      await chooseRota({ name: 'rota.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await book.xlsx.writeBuffer()) });
      const rows = page.getByTestId('rota-problems').locator('tbody tr');
      await rows.first().waitFor();
      await expect(rows.allInnerTexts()).resolves.toEqual([
        expect.stringMatching(/^2\s+网格\/部门编码\s+没有编码为“NO-SUCH”的网格或部门$/),
        expect.stringMatching(/^3\s+开始\s+“8点”不是时间（HH:MM）$/),
      ]);
      await saveScreenshot(page, 'admin-rota-import-problems', 'wall');
      await page.getByRole('button', { name: /^(English|EN)$/ }).click();
      await expect(rows.first().innerText()).resolves.toMatch(/^2\s+Grid\/department code\s+No grid or department has the code “NO-SUCH”$/);
      await saveScreenshot(page, 'admin-rota-import-problems-en', 'wall');
      const shifts = await admin.get<unknown[]>(`/api/admin/shifts?areaId=${grid.id}&from=2030-09-01T00:00:00Z&to=2030-09-03T00:00:00Z`);
      expect(shifts).toEqual([]);
    }, 120_000);
  });
});
