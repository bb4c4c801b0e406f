import { distanceMeters } from '@grid/geo';
import { toMs } from '@grid/domain';
import { historyInputOf } from './history-input.fixture';
import { simulateHistory } from './simulate-history';

const input = historyInputOf();
const cases = simulateHistory(input);
const nowMs = toMs(input.now);
const DAY = 86_400_000;
const lastWeek = (categoryCode: string) => cases.filter((c) => c.categoryCode === categoryCode && nowMs - toMs(c.reportedAt) < 7 * DAY);

describe('the patterns planted in the demo history (issue 20)', () => {
  it('crowds last week’s street vending into four neighbouring grids near the middle of the territory', () => {
    const vending = lastWeek('street.vending');
    const perGrid = new Map<string, number>();
    for (const c of vending) perGrid.set(c.gridId, (perGrid.get(c.gridId) ?? 0) + 1);
    const top4 = [...perGrid.values()].sort((a, b) => b - a).slice(0, 4);
    // About 26 planted this week among about 14 spread over 400 grids.
    expect(top4.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.5 * vending.length);
    expect(Math.min(...top4)).toBeGreaterThanOrEqual(4);
  });

  it('starts a litter cluster this week that was not there the week before', () => {
    const litter = cases.filter((c) => c.categoryCode === 'city.litter');
    const perGrid = (from: number, to: number) => {
      const counts = new Map<string, number>();
      for (const c of litter) if (nowMs - toMs(c.reportedAt) >= from * DAY && nowMs - toMs(c.reportedAt) < to * DAY) counts.set(c.gridId, (counts.get(c.gridId) ?? 0) + 1);
      return counts;
    };
    const thisWeek = perGrid(0, 7);
    const [busiest] = [...thisWeek].sort((a, b) => b[1] - a[1]);
    expect(busiest[1]).toBeGreaterThanOrEqual(4);
    expect(perGrid(7, 14).get(busiest[0]) ?? 0).toBeLessThan(3);
  });

  it('reports five places again and again in one category, each report after the one before was closed', () => {
    let places = 0;
    for (const code of ['city.garbage_collection', 'street.outside_shop', 'order.noise', 'ecology.dumping', 'city.posters']) {
      const reports = cases.filter((c) => c.categoryCode === code).sort((a, b) => toMs(a.reportedAt) - toMs(b.reportedAt));
      // A place: at least four reports within 70 m of the first of them.
      const place = reports.find((r) => reports.filter((o) => distanceMeters(o.location, r.location) < 70).length >= 4);
      if (!place) continue;
      places++;
      const again = reports.filter((o) => distanceMeters(o.location, place.location) < 70);
      const closedBeforeNext = again.slice(0, -1).filter((c, i) => c.state.closedAt !== null && toMs(c.state.closedAt) < toMs(again[i + 1].reportedAt));
      expect(closedBeforeNext.length).toBeGreaterThanOrEqual(again.length - 2);
    }
    expect(places).toBe(5);
  });
});
