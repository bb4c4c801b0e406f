import { classifyPoint } from '@grid/geo';
import { isWorkday, localDateOf, project, slaOf, TERMINAL_STATUSES, toMs, type CaseEventDraft } from '@grid/domain';
import { historyInputOf } from './history-input.fixture';
import { HISTORY_CASE_REF_PREFIX } from './history-refs';
import { runHistory, simulateHistory, type SimulatedCase } from './simulate-history';

const input = historyInputOf();
const started = performance.now();
const run = runHistory(input);
const firstRunMs = performance.now() - started;
const { cases } = run;
const nowMs = toMs(input.now);
const categoryOf = new Map(input.categories.map((c) => [c.code, c]));
const gridOf = new Map(input.grids.map((g) => [g.id, g]));
const roleOf = new Map(input.users.map((u) => [u.id, u.role]));
const share = (predicate: (c: SimulatedCase) => boolean) => cases.filter(predicate).length / cases.length;
const has = (c: SimulatedCase, kind: CaseEventDraft['kind']) => c.events.some((e) => e.kind === kind);
const isOpen = (c: SimulatedCase) => !TERMINAL_STATUSES.includes(c.state.status);

describe('simulateHistory on the default demo territory (90 days, 30 a day)', () => {
  it('takes every step through the domain: none refused, none left without someone to act', () => {
    expect(run.refusals).toEqual([]);
    expect(run.gaps).toEqual([]);
  });

  it('is deterministic: the same input gives the same history, another seed another', () => {
    expect(simulateHistory(input)).toEqual(cases);
    const short = { ...input, days: 5 };
    expect(simulateHistory({ ...short, seed: 7 })).not.toEqual(simulateHistory(short));
  });

  it('is quick', () => {
    const start = performance.now();
    simulateHistory(input);
    const ms = Math.min(firstRunMs, performance.now() - start);
    // Typically 0.5–1 s; the bound leaves room for a busy CI machine.
    expect(ms).toBeLessThan(4_000);
  });

  it('reports about casesPerDay a day, more on workdays than on weekends and holidays', () => {
    expect(cases.length).toBeGreaterThan(0.9 * 90 * 30);
    expect(cases.length).toBeLessThan(1.1 * 90 * 30);
    const perDay = new Map<string, number>();
    for (const c of cases) perDay.set(localDateOf(c.reportedAt), (perDay.get(localDateOf(c.reportedAt)) ?? 0) + 1);
    const mean = (workday: boolean) => {
      const counts = [...perDay].filter(([date]) => isWorkday(input.calendar, date) === workday).map(([, n]) => n);
      return counts.reduce((a, b) => a + b, 0) / counts.length;
    };
    expect(mean(true)).toBeGreaterThan(1.8 * mean(false));
    expect(cases.map((c) => c.reportedAt)).toEqual([...cases.map((c) => c.reportedAt)].sort());
  });

  it('keeps every state equal to the projection of its events', () => {
    for (const c of cases) expect(project(c.events)).toEqual(c.state);
  });

  it('writes nothing after now, and each step strictly after the one before', () => {
    for (const c of cases) {
      expect(c.events[0]).toMatchObject({ kind: 'reported', at: c.reportedAt });
      expect(toMs(c.events[c.events.length - 1].at)).toBeLessThanOrEqual(nowMs);
      c.events.forEach((e, i) => {
        if (i === 0) return;
        const previous = c.events[i - 1];
        // Only the system's automatic registration and dispatch share the report's instant.
        const automatic = e.actorId === null && (e.kind === 'registered' || e.kind === 'dispatched') && e.at === c.reportedAt;
        expect(automatic || e.at > previous.at).toBe(true);
      });
    }
  });

  it('places each case inside its grid, with the grid’s area path', () => {
    for (const c of cases) {
      const grid = gridOf.get(c.gridId);
      expect(grid?.areaPath).toEqual(c.areaPath);
      expect(classifyPoint(c.location, { type: 'Polygon', coordinates: [grid?.ring ?? []] })).toBe('inside');
    }
  });

  it('reports mostly through grid workers in their own grid, with callers’ names only for residents’ calls', () => {
    expect(share((c) => c.source === 'grid_report')).toBeGreaterThan(0.5);
    expect(share((c) => c.source === 'hotline' || c.source === 'front_desk')).toBeGreaterThan(0.2);
    expect(share((c) => c.source === 'patrol')).toBeGreaterThan(0.02);
    for (const c of cases) {
      const resident = c.source === 'hotline' || c.source === 'front_desk';
      expect(c.reporterName !== null && c.reporterPhone !== null).toBe(resident);
      if (resident) expect(c.reporterPhone).toMatch(/^1\d{10}$/);
      const reporterRole = roleOf.get(c.reporterId ?? '');
      expect(reporterRole).toBe(c.source === 'grid_report' ? 'grid_worker' : resident ? 'operator' : 'village_cadre');
      if (c.source === 'grid_report') expect(input.users.find((u) => u.id === c.reporterId)?.areaId).toBe(c.gridId);
    }
  });

  it('weights common categories and normal priority', () => {
    const count = (code: string) => cases.filter((c) => c.categoryCode === code).length;
    expect(count('street.parking')).toBeGreaterThan(10 * count('emergency.fire'));
    expect(share((c) => c.priority === 'normal')).toBeGreaterThan(0.8);
    expect(share((c) => c.priority === 'emergency')).toBeGreaterThan(0);
    expect(share((c) => c.priority === 'emergency')).toBeLessThan(0.04);
    expect(cases.every((c) => c.description.length > 0)).toBe(true);
  });

  it('closes most cases and leaves recent ones open at every step', () => {
    expect(share((c) => c.state.status === 'closed')).toBeGreaterThan(0.85);
    expect(share((c) => c.state.status === 'closed')).toBeLessThan(0.96);
    const recentOpen = new Set(cases.filter((c) => isOpen(c) && nowMs - toMs(c.reportedAt) < 7 * 86_400_000).map((c) => c.state.status));
    for (const status of ['registered', 'dispatched', 'accepted', 'in_progress', 'handled', 'verified'] as const) expect(recentOpen).toContain(status);
    expect(cases.some((c) => c.state.suspended)).toBe(true);
    // Old cases still open are the exception: on hold, or stuck with a slow handler.
    expect(share((c) => isOpen(c) && nowMs - toMs(c.reportedAt) > 30 * 86_400_000)).toBeLessThan(0.03);
  });

  it('lets a realistic share of cases run past their SLA', () => {
    const overdue = cases.filter((c) => slaOf(c.events, categoryOf.get(c.categoryCode) as never, input.calendar, input.now).state === 'overdue');
    expect(overdue.length / cases.length).toBeGreaterThan(0.07);
    expect(overdue.length / cases.length).toBeLessThan(0.13);
    expect(overdue.some(isOpen)).toBe(true);
  });

  it('includes reworks, returns, escalations, whistles, extensions, suspensions, cancellations, merges and ratings', () => {
    const within = (kind: CaseEventDraft['kind'], min: number, max: number) => {
      const s = share((c) => has(c, kind));
      expect([kind, s >= min && s <= max ? 'ok' : s]).toEqual([kind, 'ok']);
    };
    within('rework', 0.05, 0.11);
    within('returned', 0.03, 0.07);
    within('escalated', 0.04, 0.08);
    within('whistled', 0.02, 0.06);
    within('extension_approved', 0.015, 0.05);
    within('suspended', 0.01, 0.035);
    within('resumed', 0.005, 0.025);
    within('cancelled', 0.01, 0.03);
    within('merged', 0.003, 0.02);
    within('rated', 0.2, 0.5);
    expect(cases.some((c) => c.state.flags.escalationCount === 2)).toBe(true);
    expect(cases.some((c) => c.state.flags.reworkCount === 2)).toBe(true);
    const whistled = cases.filter((c) => has(c, 'whistled') && c.state.status === 'closed');
    for (const c of whistled) expect(c.state.coHandlers.every((d) => d.status === 'completed' && d.rating !== null)).toBe(true);
  });

  it('merges a duplicate into an earlier case of the same grid and category, named by its place in the list', () => {
    const merged = cases.map((c, i) => [c, i] as const).filter(([c]) => has(c, 'merged'));
    expect(merged.length).toBeGreaterThan(0);
    for (const [c, i] of merged) {
      const ref = c.state.mergedInto ?? '';
      expect(ref.startsWith(HISTORY_CASE_REF_PREFIX)).toBe(true);
      expect(c.state.flags.duplicateCandidateIds).toEqual([ref]);
      const mainIndex = Number(ref.slice(HISTORY_CASE_REF_PREFIX.length));
      expect(mainIndex).toBeLessThan(i);
      expect(cases[mainIndex]).toMatchObject({ gridId: c.gridId, categoryCode: c.categoryCode });
    }
  });

  it('lets workers differ in diligence, so that assessments show a spread', () => {
    const byWorker = new Map<string, { cases: number; hours: number }>();
    for (const c of cases) {
      const handler = c.state.handledBy;
      if (handler === null || roleOf.get(handler) !== 'grid_worker' || c.state.registeredAt === null || c.state.handledAt === null) continue;
      const entry = byWorker.get(handler) ?? { cases: 0, hours: 0 };
      entry.cases++;
      entry.hours += (toMs(c.state.handledAt) - toMs(c.state.registeredAt)) / 3_600_000;
      byWorker.set(handler, entry);
    }
    const means = [...byWorker.values()].filter((w) => w.cases >= 4).map((w) => w.hours / w.cases).sort((a, b) => a - b);
    expect(means.length).toBeGreaterThan(100);
    const decile = (q: number) => means[Math.floor(q * (means.length - 1))];
    expect(decile(0.9) / decile(0.1)).toBeGreaterThan(2);
  });

  it('has a worker’s own report, handled by that worker, verified by someone else: the grid’s other worker, or the grid leader the village names at dispatch', () => {
    const own = cases.filter((c) => c.source === 'grid_report' && c.state.handledBy === c.reporterId && has(c, 'verified'));
    expect(own.length).toBeGreaterThan(100);
    let named = 0;
    for (const c of own) {
      const verifiers = c.events.filter((e) => e.kind === 'verified' || e.kind === 'rework').map((e) => e.actorId);
      expect(verifiers.every((id) => id !== c.reporterId)).toBe(true);
      if (c.state.verifierId === null) {
        expect(verifiers.every((id) => roleOf.get(id ?? '') === 'grid_worker')).toBe(true);
      } else {
        named++;
        expect(verifiers.every((id) => id === c.state.verifierId && roleOf.get(id ?? '') === 'grid_leader')).toBe(true);
      }
    }
    // Most grids have one worker (two in every tenth village): most such reports need a named verifier.
    expect(named / own.length).toBeGreaterThan(0.5);
  });
});

describe('simulateHistory on other inputs', () => {
  it('gives nothing before the first report and nothing for no cases a day', () => {
    expect(simulateHistory({ ...input, days: 3, casesPerDay: 0 })).toEqual([]);
  });

  it('refuses an input it cannot simulate', () => {
    expect(() => simulateHistory({ ...input, days: 0 })).toThrow(RangeError);
    expect(() => simulateHistory({ ...input, grids: [] })).toThrow(RangeError);
    expect(() => simulateHistory({ ...input, now: 'yesterday' })).toThrow(RangeError);
  });

  it('still takes every step through the domain on a roster without grid leaders or department staff', () => {
    const users = input.users.filter((u) => u.role !== 'grid_leader' && u.role !== 'dept_staff');
    const small = runHistory({ ...input, users, days: 20 });
    expect(small.refusals).toEqual([]);
    expect(small.cases.length).toBeGreaterThan(400);
  });
});
