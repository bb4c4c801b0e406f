import type { CaseSummary } from '@grid/contracts';
import { orderTasks } from './order-tasks';

function task(id: string, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    status: 'accepted',
    slaState: 'on_time',
    acceptDueAt: null,
    handleDueAt: '2026-12-08T10:00:00.000Z',
    reportedAt: '2026-12-07T08:00:00.000Z',
    ...over,
  } as CaseSummary;
}

describe('orderTasks (the worker’s own list)', () => {
  it('puts a new case first even when older cases share its deadline', () => {
    const old = [task('a'), task('b'), task('c')];
    const dispatched = task('new', { reportedAt: '2026-12-07T09:00:00.000Z' });
    expect(orderTasks([...old, dispatched], new Set(['new'])).map((t) => t.id)[0]).toBe('new');
  });

  it('after the new ones: overdue, then warning, then by deadline', () => {
    const items = [
      task('later', { handleDueAt: '2026-12-09T10:00:00.000Z' }),
      task('warn', { slaState: 'warning', handleDueAt: '2026-12-09T12:00:00.000Z' }),
      task('sooner', { handleDueAt: '2026-12-08T09:00:00.000Z' }),
      task('late', { slaState: 'overdue', handleDueAt: '2026-12-10T00:00:00.000Z' }),
    ];
    expect(orderTasks(items, new Set()).map((t) => t.id)).toEqual(['late', 'warn', 'sooner', 'later']);
  });

  it('with equal deadlines the newest report comes first; a dispatched case counts its time to accept', () => {
    const items = [
      task('older'),
      task('newer', { reportedAt: '2026-12-07T09:30:00.000Z' }),
      task('to-accept', { status: 'dispatched', acceptDueAt: '2026-12-07T10:00:00.000Z', handleDueAt: '2026-12-08T10:00:00.000Z' }),
      task('no-deadline', { handleDueAt: null }),
    ];
    expect(orderTasks(items, new Set()).map((t) => t.id)).toEqual(['to-accept', 'newer', 'older', 'no-deadline']);
  });
});
