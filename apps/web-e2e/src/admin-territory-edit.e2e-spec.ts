import type { AreaFeature, AreaFeatureCollection, TerritoryVersionDto } from '@grid/contracts';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ApiClient } from './support/api';
import { describeInBrowser, openPage, saveScreenshot, sharedBrowser, signIn } from './support/browser';

/**
 * Editing boundaries on the territory console's map (ADR 0015), through the real UI: a grid is split by a line
 * drawn with leaflet-geoman and applied as a new version, then merged back (the database is shared: the grid
 * list the other specs read is as before, the new grid retired).
 */
describeInBrowser('admin: editing a boundary on the map', () => {
  const browser = sharedBrowser();
  let context: BrowserContext;
  let page: Page;
  let admin: ApiClient;
  let grid: AreaFeature;
  let other: AreaFeature;

  beforeAll(async () => {
    admin = await ApiClient.signIn('admin');
    const grids = (await admin.get<AreaFeatureCollection>('/api/areas/geojson?level=grid')).features;
    // A grid well inside the district, so that a line across it stays on the map.
    grid = grids[Math.floor(grids.length / 2)];
    other = grids[Math.floor(grids.length / 3)];
  });
  beforeEach(async () => {
    ({ context, page } = await openPage(browser()));
    await signIn(page, 'admin');
    await page.goto('/admin/territory');
  });
  afterEach(async () => {
    await context.close();
  });

  const editMap = () => page.getByRole('region', { name: '编辑边界的地图' });
  /** The chosen grid's outline on the edit map (drawn in the selection colour). */
  const chosenOutline = (): Locator => editMap().locator('path.leaflet-interactive[stroke="#ffa657"]').first();
  const choose = async (code: string) => {
    await page.getByRole('combobox', { name: '网格', exact: true }).selectOption(code);
    await chosenOutline().waitFor();
  };
  /** The edit map in view and done zooming to the chosen grid (its animation moves every marker). */
  const settled = async () => {
    await editMap().scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
  };
  /**
   * Opens the split mode, names the new grid, and draws a line with geoman across the grid's box at
   * `at` (0 = its top, 0.5 its middle; below 0 above it), from outside one side to outside the other.
   */
  const drawSplitLine = async (name: string, at: number) => {
    await page.getByRole('button', { name: '拆分', exact: true }).click();
    await page.getByLabel('新网格名称').fill(name);
    await settled();
    const box = await chosenOutline().boundingBox();
    if (!box) throw new Error('the chosen grid is not drawn');
    const y = box.y + at * box.height;
    const end = { x: box.x + box.width + 15, y: y + 3 };
    await page.mouse.click(box.x - 15, y);
    await page.waitForTimeout(300);
    await page.mouse.click(end.x, end.y);
    await page.waitForTimeout(300);
    // geoman finishes the line on a click on its last vertex.
    await page.mouse.click(end.x, end.y);
    await page.getByText('已画线（2 个点）。').waitFor();
  };
  const applyAndWait = async () => {
    const before = await admin.get<TerritoryVersionDto[]>('/api/territory/versions');
    await page.getByRole('button', { name: /应用为新的辖区版本|并应用为新版本/ }).click();
    const next = before[0].version + 1;
    await page.getByText(`已应用为辖区版本 ${next}`).waitFor();
    await page.getByRole('cell', { name: `${next} (当前)` }).waitFor();
    return (await admin.get<TerritoryVersionDto[]>('/api/territory/versions'))[0];
  };

  it('splits a grid along a line drawn across it, applies it as a new version, and merges it back', async () => {
    await choose(grid.properties.code);
    await drawSplitLine('浏览器拆分网格', 0.5);
    await page.getByRole('button', { name: '检查修改' }).click();
    await page.getByText(new RegExp(`检查通过：拆分 ${grid.properties.code}，新网格 \\d{15}`)).waitFor();
    await page.getByText(/按新边界落入其他网格的在办案件/).waitFor();
    await saveScreenshot(page, 'admin-territory-split-checked', 'wall');

    const split = await applyAndWait();
    expect(split.source).toMatch(new RegExp(`^split ${grid.properties.code} → ${grid.properties.code} \\+ \\d{15}$`));
    const newCode = split.source.split(' + ')[1];
    const grids = (await admin.get<AreaFeatureCollection>('/api/areas/geojson?level=grid')).features;
    expect(grids.find((g) => g.properties.code === newCode)?.properties).toMatchObject({ name: '浏览器拆分网格', parentId: grid.properties.parentId });

    // Merged back through the UI: the original code survives, the new grid is retired.
    await choose(grid.properties.code);
    await page.getByRole('button', { name: '合并', exact: true }).click();
    await page.getByRole('combobox', { name: '合并入的相邻网格' }).selectOption(newCode);
    await page.getByRole('button', { name: '检查修改' }).click();
    await page.getByText(`检查通过：将 ${newCode} 合并入 ${grid.properties.code}`, { exact: false }).waitFor();
    const merged = await applyAndWait();
    expect(merged.source).toBe(`merge ${newCode} into ${grid.properties.code}`);
    const after = (await admin.get<AreaFeatureCollection>('/api/areas/geojson?level=grid')).features;
    expect(after.some((g) => g.properties.code === newCode)).toBe(false);
  });

  it('refuses a split line that does not cross the grid, in words, before anything is stored', async () => {
    await choose(grid.properties.code);
    // Above the grid's box: the line passes beside it.
    await drawSplitLine('x', -0.15);
    await page.getByRole('button', { name: '检查修改' }).click();
    await page.getByRole('alert').filter({ hasText: '这条线没有把网格分成两块' }).waitFor();
  });

  it('moves a vertex of the chosen grid and checks the edit like an import (not applied)', async () => {
    await choose(other.properties.code);
    await page.getByRole('button', { name: '编辑边界' }).click();
    await settled();
    // geoman's vertex markers of the edited copy; drag the first one towards the grid's middle.
    const vertex = editMap().locator('.marker-icon:not(.marker-icon-middle)').first();
    await vertex.waitFor();
    const from = await vertex.boundingBox();
    const box = await chosenOutline().boundingBox();
    if (!from || !box) throw new Error('no vertex to drag');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + centre.x) / 2, (from.y + centre.y) / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('button', { name: '检查修改' }).click();
    // Pulled inwards: the village has a strip no grid covers, a warning that can be accepted.
    await page.getByText(new RegExp(`检查通过：修改 ${other.properties.code} 的边界；\\d+ 条警告`)).waitFor();
    await page.getByRole('list', { name: /问题/ }).getByText('空隙').waitFor();
    await saveScreenshot(page, 'admin-territory-move-checked', 'wall');
  });
});
