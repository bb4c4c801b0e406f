import type { TerritoryVersionDto } from '@grid/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient, type AreaDto } from './support/api';
import { describeInBrowser, openPage, saveScreenshot, sharedBrowser, signIn } from './support/browser';
import { currentTerritory } from './support/territory';

describeInBrowser('admin: territory', () => {
  const browser = sharedBrowser();
  let context: BrowserContext;
  let page: Page;
  let admin: ApiClient;

  beforeAll(async () => {
    admin = await ApiClient.signIn('admin');
  });
  beforeEach(async () => {
    ({ context, page } = await openPage(browser()));
    await signIn(page, 'admin');
    await page.goto('/admin/territory');
  });
  afterEach(async () => {
    await context.close();
  });

  const upload = async (name: string, json: unknown) => {
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(json)) });
    await page.getByRole('button', { name: '检查文件' }).click();
  };

  it('refuses a grid overlapping another by 1 m², lists the problem with its grid and shows it on the map', async () => {
    const versionsBefore = (await admin.get<TerritoryVersionDto[]>('/api/territory/versions')).length;
    const territory = await currentTerritory(admin);
    const [host] = await admin.get<AreaDto[]>('/api/areas?level=grid');
    // A 1 m square at the host grid's centroid, as another grid of the same village.
    const { lat, lng } = host.centroid;
    const dLat = 1 / 111_195;
    const dLng = dLat / Math.cos((lat * Math.PI) / 180);
    const villageCode = host.code.slice(0, 12);
    territory.features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[lng, lat], [lng + dLng, lat], [lng + dLng, lat + dLat], [lng, lat + dLat], [lng, lat]]] },
      properties: { code: `${villageCode}999`, name: '重叠测试网格', level: 'grid', parentCode: villageCode },
    });
    await upload('overlap.geojson', territory);

    await page.getByText(/不能导入：1 个错误/).waitFor().catch(async (error: unknown) => {
      await saveScreenshot(page, 'admin-territory-refused-failure', 'wall');
      throw error;
    });
    const problem = page.getByRole('list', { name: /问题/ }).getByRole('button').filter({ hasText: '重叠' });
    // In Chinese, with both grids and the area; the server's English stays in the title for API readers.
    await expect(problem.innerText()).resolves.toMatch(new RegExp(`错误 重叠 · \\d+\\s+与 \\d+ 重叠 (0\\.9\\d|1\\.0\\d) m²`));
    await expect(problem.innerText()).resolves.toContain(host.code);
    await expect(problem.locator('small').getAttribute('title')).resolves.toMatch(/overlap by (0\.9\d|1\.0\d) m²/);
    await problem.click();
    await expect(problem.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('.leaflet-interactive').first().waitFor();
    await expect(page.getByRole('button', { name: /应用/ }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('须先改正错误才能应用。').isVisible()).resolves.toBe(true);
    await saveScreenshot(page, 'admin-territory-refused', 'wall');
    expect((await admin.get<TerritoryVersionDto[]>('/api/territory/versions')).length).toBe(versionsBefore);
  });

  it('applies a valid import as a new version, listed with the versions', async () => {
    const before = await admin.get<TerritoryVersionDto[]>('/api/territory/versions');
    await upload('territory.geojson', await currentTerritory(admin));
    await page.getByText(/检查通过/).waitFor();
    await page.getByRole('button', { name: /应用为新的辖区版本/ }).click();
    const next = (before[0]?.version ?? 0) + 1;
    await page.getByText(`已应用为辖区版本 ${next}`).waitFor();
    await page.getByRole('cell', { name: `${next} (当前)` }).waitFor();
    const after = await admin.get<TerritoryVersionDto[]>('/api/territory/versions');
    expect(after[0]).toMatchObject({ version: next, current: true, source: 'territory.geojson', createdBy: 'admin' });
    await saveScreenshot(page, 'admin-territory-applied', 'wall');
    await page.getByRole('button', { name: /^(English|EN)$/ }).click();
    await page.getByText(`Applied as territory version ${next}`).waitFor();
    await saveScreenshot(page, 'admin-territory-applied-en', 'wall');
  });

  it('offers to re-route the open cases a new territory moves, after listing them (not applied here: the database is shared)', async () => {
    const file = await currentTerritory(admin);
    // Sibling grids swap boundaries in pairs, so the open cases of the demo land in other grids.
    const byVillage = new Map<unknown, typeof file.features>();
    for (const f of file.features.filter((g) => g.properties['level'] === 'grid')) byVillage.set(f.properties['parentCode'], [...(byVillage.get(f.properties['parentCode']) ?? []), f]);
    for (const siblings of byVillage.values()) {
      for (let i = 0; i + 1 < siblings.length; i += 2) [siblings[i].geometry, siblings[i + 1].geometry] = [siblings[i + 1].geometry, siblings[i].geometry];
    }
    await upload('swapped.geojson', file);
    await page.getByText(/检查通过/).waitFor();
    await page.getByText(/网格 \d+ → \d+/).first().waitFor();
    const choice = page.getByRole('checkbox', { name: /改派到新网格/ });
    await choice.check();
    await page.getByText(/回到“已立案”/).waitFor();
    await saveScreenshot(page, 'admin-territory-reroute', 'wall');
  });

  it('fits a phone screen, its buttons large enough to touch', async () => {
    const phone = await openPage(browser(), 'phone');
    try {
      await signIn(phone.page, 'admin');
      await phone.page.goto('/admin/territory');
      await phone.page.getByRole('heading', { name: '辖区版本' }).waitFor();
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const check = await phone.page.getByRole('button', { name: '检查文件' }).boundingBox();
      expect(check?.height).toBeGreaterThanOrEqual(44);
      await saveScreenshot(phone.page, 'admin-territory', 'phone');
    } finally {
      await phone.context.close();
    }
  });
});
