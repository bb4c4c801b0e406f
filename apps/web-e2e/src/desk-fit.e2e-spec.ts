import type { Page } from 'playwright-core';
import { describeInBrowser, openSignedInIn, sharedBrowser } from './support/browser';

/** What is cut on the page: elements whose text is wider than their box, and the case table's sideways scroll. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const clipped = (el: Element) => el.scrollWidth > el.clientWidth + 1;
    const table = document.querySelector('[data-testid=case-table]');
    const wrap = table?.parentElement;
    const headings = [...document.querySelectorAll('[data-testid=case-table] th')].map((th) => ({ text: th.textContent ?? '', width: th.getBoundingClientRect().width, clipped: clipped(th) }));
    const nav = document.querySelector('header nav');
    const navRight = nav?.getBoundingClientRect().right ?? 0;
    const navCut = nav ? [...nav.querySelectorAll('a')].filter((a) => clipped(a) || a.getBoundingClientRect().right > navRight + 1).map((a) => a.textContent) : [];
    // A select shows its chosen option: measure that text in the select's own font against its inner width.
    const canvas = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    const selectsCut = [...document.querySelectorAll('[role=search] select')].flatMap((node) => {
      const select = node as HTMLSelectElement;
      const style = getComputedStyle(select);
      canvas.font = style.font;
      const text = select.selectedOptions[0]?.text ?? '';
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16; // the arrow
      return canvas.measureText(text).width > room ? [text] : [];
    });
    return {
      tableWidth: table?.getBoundingClientRect().width ?? 0,
      sideways: wrap ? wrap.scrollWidth - wrap.clientWidth : -1,
      headings,
      navCut,
      selectsCut,
    };
  });
}

describeInBrowser('desks at an office screen (1440 px)', () => {
  const browser = sharedBrowser();

  it.each([
    ['zh-CN', 'admin', '/desk', '描述'],
    ['en', 'admin', '/desk', 'Description'],
    ['zh-CN', 'dept_zhzf', '/department', '描述'],
    ['en', 'dept_zhzf', '/department', 'Description'],
  ] as const)('in %s, %s’s %s fits: every column, heading, navigation label and filter readable', async (language, username, path, description) => {
    const { context, page } = await openSignedInIn(browser(), language, 'desk', username);
    await page.goto(path);
    await page.getByTestId('case-table').locator('tbody tr').first().waitFor();
    const seen = await measure(page);
    expect(seen.sideways).toBe(0);
    expect(seen.headings.filter((h) => h.clipped).map((h) => h.text)).toEqual([]);
    const descriptionColumn = seen.headings.find((h) => h.text === description);
    expect(descriptionColumn?.width ?? 0).toBeGreaterThanOrEqual(seen.tableWidth * 0.2);
    expect(seen.navCut).toEqual([]);
    expect(seen.selectsCut).toEqual([]);
    await context.close();
  });

  it('counts in English with singular and plural ("1 unit", not "1 units")', async () => {
    const { context, page } = await openSignedInIn(browser(), 'en', 'phone', 'grid003');
    await page.goto('/assessment');
    const asOf = page.getByText(/configuration v\d+ · \d+ unit/);
    await asOf.waitFor();
    await expect(asOf.innerText()).resolves.toMatch(/ 1 unit · /);
    await context.close();
  });
});
