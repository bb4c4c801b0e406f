import { GroupBatcher } from './group-batcher';

/** A run whose groups finish when the test says so, recording each group it was given. */
function controlledRun() {
  const groups: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      groups.push(items);
      pending.push(() => (items.includes(13) ? reject(new Error(`unlucky in ${items.join(',')}`)) : resolve(items.map((i) => `r${i}`))));
    });
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { run, groups, finishNext };
}

describe('GroupBatcher', () => {
  it('runs an item submitted while idle at once, alone', async () => {
    const { run, groups, finishNext } = controlledRun();
    const batcher = new GroupBatcher(run, 4);
    const result = batcher.submit(1);
    expect(groups).toEqual([[1]]);
    await finishNext();
    await expect(result).resolves.toBe('r1');
  });

  it('groups the items submitted during a run, at most `max` a group, each answered with its own result', async () => {
    const { run, groups, finishNext } = controlledRun();
    const batcher = new GroupBatcher(run, 3);
    const results = [1, 2, 3, 4, 5, 6].map((i) => batcher.submit(i));
    expect(groups).toEqual([[1]]);
    await finishNext();
    expect(groups).toEqual([[1], [2, 3, 4]]);
    const late = batcher.submit(7);
    await finishNext();
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
    await finishNext();
    expect(await Promise.all([...results, late])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    // Idle again: the next item goes at once.
    void batcher.submit(8);
    expect(groups.at(-1)).toEqual([8]);
  });

  it('tries each item of a failed group alone: only the bad one fails', async () => {
    const { run, groups, finishNext } = controlledRun();
    const batcher = new GroupBatcher(run, 8);
    const first = batcher.submit(1);
    const results = [12, 13, 14].map((i) => batcher.submit(i).catch((e: Error) => e.message));
    await finishNext();
    await finishNext(); // the group [12, 13, 14] fails
    expect(groups.slice(2)).toEqual([[12], [13], [14]]);
    for (let i = 0; i < 3; i++) await finishNext();
    expect(await first).toBe('r1');
    expect(await Promise.all(results)).toEqual(['r12', 'unlucky in 13', 'r14']);
  });

  it('fails a lone item with the run’s own error, and keeps serving the queue after it', async () => {
    const { run, finishNext } = controlledRun();
    const batcher = new GroupBatcher(run, 8);
    const bad = batcher.submit(13);
    const next = batcher.submit(2);
    await finishNext();
    await expect(bad).rejects.toThrow('unlucky in 13');
    await finishNext();
    await expect(next).resolves.toBe('r2');
  });

  it('treats a run that answers the wrong number of results as failed, and answers each item alone', async () => {
    let calls = 0;
    const batcher = new GroupBatcher(async (items: number[]) => (++calls === 2 ? [] : items.map((i) => i * 10)), 8);
    const first = batcher.submit(1);
    const rest = [2, 3].map((i) => batcher.submit(i));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30]);
    expect(calls).toBe(4);
  });
});
