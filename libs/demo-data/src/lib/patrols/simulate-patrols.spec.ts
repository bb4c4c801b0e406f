import { cleanTrack, isWorkday, localDateOf } from '@grid/domain';
import { classifyPoint } from '@grid/geo';
import { historyInputOf } from '../history/history-input.fixture';
import { simulatePatrols, type PatrolHistoryInput } from './simulate-patrols';

describe('simulatePatrols', () => {
  const history = historyInputOf(undefined, { days: 30 });
  const input: PatrolHistoryInput = { seed: history.seed, now: history.now, days: 30, grids: history.grids.slice(0, 40), calendar: history.calendar };
  const patrols = simulatePatrols(input);

  it('is deterministic: the same input gives the same patrols', () => {
    expect(simulatePatrols(input)).toEqual(patrols);
  });

  it('gives each worker patrols on most of their days, and workers differ in diligence', () => {
    const perWorker = new Map<string, number>();
    for (const p of patrols) perWorker.set(p.workerId, (perWorker.get(p.workerId) ?? 0) + 1);
    expect(perWorker.size).toBe(40);
    const counts = [...perWorker.values()].sort((a, b) => a - b);
    expect(counts[0]).toBeLessThan(counts[counts.length - 1] / 2);
    const onWorkdays = patrols.filter((p) => isWorkday(input.calendar, localDateOf(p.startedAt))).length;
    expect(onWorkdays / patrols.length).toBeGreaterThan(0.9);
  });

  it('keeps every patrol before now, in working hours, with its track in its grid and its visits inside the patrol', () => {
    for (const p of patrols) {
      expect(p.endedAt <= input.now).toBe(true);
      const localHour = (new Date(p.startedAt).getUTCHours() + 8) % 24;
      expect(localHour).toBeGreaterThanOrEqual(8);
      expect(localHour).toBeLessThanOrEqual(15);
      const grid = input.grids.find((g) => g.id === p.gridId);
      const good = p.points.filter((x) => (x.accuracy ?? 0) <= 50);
      // The walk turns back at the boundary: every good fix is inside the grid.
      expect(good.filter((x) => classifyPoint(x, { type: 'Polygon', coordinates: [grid?.ring ?? []] }) === 'outside')).toEqual([]);
      for (const v of p.visits) expect(v.at >= p.startedAt && v.at <= p.endedAt).toBe(true);
    }
  });

  it('walks at a walker’s pace: the cleaned distance is 0.3–1.3 m/s of the patrol’s time', () => {
    for (const p of patrols) {
      const seconds = (Date.parse(p.endedAt) - Date.parse(p.startedAt)) / 1000;
      const metres = cleanTrack(p.points).distanceMeters;
      expect(metres).toBeLessThanOrEqual(1.3 * seconds + 1);
      if (p.points.length > 4) expect(metres).toBeGreaterThan(0.1 * seconds);
    }
  });
});
