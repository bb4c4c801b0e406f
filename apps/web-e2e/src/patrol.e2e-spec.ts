import type { PatrolDetail, PatrolListResponse } from '@grid/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient, eventually } from './support/api';
import { describeInBrowser, openSignedIn, phoneAt, saveScreenshot, sharedBrowser } from './support/browser';

// 0.00027° of latitude is 30 m: one step every 1.5 s is 20 m/s, fast but possible (the cleaning drops faster ones).
const STEP_DEGREES = 0.00027;
const STEP_METRES = 30;

/** Walks `steps` steps north from `from`, giving the phone each new position. */
async function walk(context: BrowserContext, page: Page, from: { lat: number; lng: number }, steps: number): Promise<{ lat: number; lng: number }> {
  let here = from;
  for (let i = 0; i < steps; i++) {
    await page.waitForTimeout(1_500);
    here = { lat: here.lat + STEP_DEGREES, lng: here.lng };
    await context.setGeolocation({ latitude: here.lat, longitude: here.lng, accuracy: 8 });
  }
  return here;
}

const distanceKm = async (page: Page) => Number(await page.getByTestId('patrol-distance').innerText());

describeInBrowser('patrolling from the phone', () => {
  const browser = sharedBrowser();

  it('records a patrol with its track and a visit, also offline, and the server gets it exactly as walked', async () => {
    const operator = await ApiClient.signIn('operator');
    const { centre } = await operator.whereIs('grid003');
    const { context, page } = await openSignedIn(browser(), 'phone', 'grid003', phoneAt(centre));
    await page.goto('/patrol');
    await page.locator('[data-testid=patrol-start]:not([disabled])').click();
    await page.locator('[data-testid=patrol-status][data-state=on]').waitFor();
    await page.getByTestId('patrol-map').waitFor();

    let here = await walk(context, page, centre, 3);
    await page.waitForFunction(() => document.querySelector('[data-testid=patrol-distance]')?.textContent !== '0.00');

    // Into a valley without signal: the walk, a visit and the end are kept on the phone.
    await context.setOffline(true);
    here = await walk(context, page, here, 3);
    await page.getByTestId('patrol-visit').click();
    await page.getByTestId('visit-kind-place').click();
    await page.getByTestId('visit-label').fill('村口桥');
    await page.getByTestId('visit-save').click();
    await expect(page.getByTestId('patrol-visits').innerText()).resolves.toBe('1');
    const shown = await distanceKm(page);
    expect(shown * 1000).toBeGreaterThan(5 * STEP_METRES);
    expect(shown * 1000).toBeLessThan(7 * STEP_METRES);
    // The demo's patrols started in working hours, and the list shows them in the district's time (this browser is on UTC).
    const ended = await page.locator('[data-testid=patrol-recent] li').evaluateAll((items) =>
      items.map((li) => [...li.querySelectorAll('span')].map((span) => span.textContent ?? '')).filter(([, duration]) => /^\d+:\d{2}:\d{2}$/.test(duration)),
    );
    expect(ended.length).toBeGreaterThan(0);
    const outsideWorkingHours = ended.map(([startedAt]) => startedAt).filter((at) => !/ (0[89]|1[0-5]):\d{2}$/.test(at));
    expect(outsideWorkingHours).toEqual([]);
    await saveScreenshot(page, 'patrol', 'phone');
    await page.getByTestId('patrol-stop').click();
    await page.locator('[data-testid=patrol-status][data-state=off]').waitFor();
    await page.getByTestId('outbox').waitFor();

    await context.setOffline(false);
    const worker = await ApiClient.signIn('grid003');
    const list = await eventually(
      () => worker.get<PatrolListResponse>('/api/patrols?workerId=me&pageSize=1'),
      (l) => l.items[0]?.endedAt !== null && l.items[0]?.visitCount === 1,
      30_000,
    );
    const patrol = await worker.get<PatrolDetail>(`/api/patrols/${list.items[0].id}`);
    expect(patrol.endedAt).not.toBeNull();
    expect(patrol.visits).toEqual([expect.objectContaining({ kind: 'place', label: '村口桥' })]);
    // The server measures the same cleaned track the phone showed (shown to 10 m).
    expect(Math.abs(patrol.distanceMeters - shown * 1000)).toBeLessThanOrEqual(5);
    expect(patrol.track.at(-1)).toMatchObject({ lat: expect.closeTo(here.lat, 6) });
    await context.close();
  });
});
