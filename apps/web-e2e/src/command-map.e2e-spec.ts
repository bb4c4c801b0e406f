import type { AreaFeatureCollection } from '@grid/contracts';
import { describeInBrowser, openPage, openSignedIn, sharedBrowser, signIn, waitForGrids } from './support/browser';

describeInBrowser('command-centre map', () => {
  const browser = sharedBrowser();

  it('draws every grid and the ten zones for the operator, says the boundaries are synthetic, and names a grid on hover', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'operator');
    const grids = await waitForGrids(page, 300);
    expect(grids).toBeGreaterThanOrEqual(300);
    await page.waitForFunction(() => document.querySelectorAll('path.zone-boundary').length === 10);
    await expect(page.getByTestId('synthetic-note').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('synthetic-note').innerText()).resolves.toBe('示意边界（合成数据）');
    await expect(page.getByTestId('figure-grid').innerText()).resolves.toBe(String(grids));
    await expect(page.getByTestId('figure-zone').innerText()).resolves.toBe('10');

    // The middle of a grid's box may lie outside it (a concave grid) or under a panel: try grids until one answers.
    let named = '';
    for (let i = 7; i < 40 && !named; i += 1) {
      const box = await page.locator('path.grid-boundary').nth(i).boundingBox();
      if (!box) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // The tooltip of a grid the pointer crossed on its way may still be fading out: read the newest.
      named = await page.locator('.grid-tooltip').last().innerText({ timeout: 1000 }).catch(() => '');
    }
    expect(named).toMatch(/网格/);
    await context.close();
  });

  it('shows a zone leader only the grids of their zone, and names the zone', async () => {
    const { context, page } = await openSignedIn(browser(), 'wall', 'zone01');
    const grids = await waitForGrids(page, 1);
    expect(grids).toBeLessThan(300);
    await page.waitForFunction(() => document.querySelectorAll('path.zone-boundary').length === 1);
    await expect(page.locator('#map-panel-title').innerText()).resolves.toBe('第一片区');
    await context.close();
  });

  it("shows a zone's name on its label as text, never as markup (names come from imported files)", async () => {
    const hostile = '<img src=x data-injected="img"><b data-injected="b">第一片区</b>';
    const { context, page } = await openPage(browser(), 'wall');
    // The name is put into the zones' answer as an imported boundary file could carry it.
    await page.route(/\/api\/areas\/geojson\?level=zone/, async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as AreaFeatureCollection;
      body.features[0].properties.name = hostile;
      await route.fulfill({ response: answer, json: body });
    });
    await signIn(page, 'operator');
    await waitForGrids(page, 300);
    const labels = page.locator('.leaflet-tooltip.zone-label');
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-tooltip.zone-label').length === 10);
    await expect(labels.filter({ hasText: hostile }).count()).resolves.toBe(1);
    await expect(page.locator('[data-injected]').count()).resolves.toBe(0);
    await context.close();
  });

  it('fits a 390 px phone without sideways scrolling', async () => {
    const { context, page } = await openSignedIn(browser(), 'phone', 'operator');
    await waitForGrids(page, 300);
    // A mobile browser widens its layout viewport to fit content that overflows, so compare with 390 itself.
    const widths = await page.evaluate(() => ({ layout: window.innerWidth, content: document.documentElement.scrollWidth }));
    expect(widths).toEqual({ layout: 390, content: 390 });
    const logout = await page.getByRole('button', { name: '退出' }).boundingBox();
    expect((logout?.x ?? Infinity) + (logout?.width ?? 0)).toBeLessThanOrEqual(390);
    await expect(page.getByTestId('synthetic-note').isVisible()).resolves.toBe(true);
    await context.close();
  });
});
