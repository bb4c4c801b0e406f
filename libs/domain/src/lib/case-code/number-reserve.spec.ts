import { NumberReserve, type NumberCounter } from './number-reserve';

/** A shared counter whose takes answer when the test says so; `others` takes numbers as another instance would. */
function controlledCounter() {
  let last = 0;
  const takes: number[] = [];
  const givenBack: [number, number][] = [];
  const pending: (() => void)[] = [];
  const counter: NumberCounter = {
    take: (count) =>
      new Promise<number>((resolve) => {
        takes.push(count);
        pending.push(() => resolve((last += count)));
      }),
    giveBack: async (first, end) => {
      givenBack.push([first, end]);
      if (last === end) last = first - 1;
    },
  };
  return {
    counter,
    takes,
    givenBack,
    last: () => last,
    others: (count: number) => (last += count),
    /** Answers the oldest take on its way and lets its waiters run. */
    answer: async () => {
      pending.shift()?.();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

const OPTIONS = { rateWindowMs: 50, maxAhead: 64, idleMs: 1_000 };

/** Six requests at once: one number for the first, then five for the others and six ahead (7–12 spare). */
async function afterBurstOfSix() {
  const c = controlledCounter();
  const reserve = new NumberReserve(c.counter, OPTIONS);
  const burst = Array.from({ length: 6 }, () => reserve.next());
  await c.answer();
  await c.answer();
  return { c, reserve, numbers: await Promise.all(burst) };
}

describe('NumberReserve', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-07T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('takes exactly one number for a lone request, and gives nothing back', async () => {
    const c = controlledCounter();
    const reserve = new NumberReserve(c.counter, OPTIONS);
    const first = reserve.next();
    await c.answer();
    await expect(first).resolves.toBe(1);
    expect(c.takes).toEqual([1]);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(c.givenBack).toEqual([]);
    expect(c.last()).toBe(1);
  });

  it('serves a burst from one take for all waiting, then holds as many ahead as arrived lately', async () => {
    const c = controlledCounter();
    const reserve = new NumberReserve(c.counter, OPTIONS);
    const first = reserve.next();
    const waiting = Array.from({ length: 9 }, () => reserve.next());
    expect(c.takes).toEqual([1]);
    await c.answer();
    // Nine waited; ten arrived in this window: nine numbers for them and ten ahead, in one take.
    expect(c.takes).toEqual([1, 19]);
    await c.answer();
    expect(await Promise.all([first, ...waiting])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const held = Array.from({ length: 5 }, () => reserve.next());
    expect(await Promise.all(held)).toEqual([11, 12, 13, 14, 15]);
  });

  it('hands the lowest numbers first: requests that came while a take was on its way are served from its block before another take', async () => {
    const c = controlledCounter();
    const reserve = new NumberReserve(c.counter, OPTIONS);
    const burst = Array.from({ length: 4 }, () => reserve.next());
    await c.answer(); // 1 for the first, then a take of 3 waiting + 4 ahead
    const late = reserve.next(); // arrives while that take is on its way: it waits for it
    await c.answer();
    expect(await Promise.all([...burst, late])).toEqual([1, 2, 3, 4, 5]);
    expect(c.takes).toEqual([1, 7]);
  });

  it('gives the spare numbers back after the requests stop, so the next request follows on without a gap', async () => {
    const { c, numbers } = await afterBurstOfSix();
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.last()).toBeGreaterThan(6);
    await jest.advanceTimersByTimeAsync(600);
    expect(c.givenBack).toEqual([]); // not idle long enough yet
    await jest.advanceTimersByTimeAsync(500);
    expect(c.givenBack).toEqual([[7, 12]]);
    expect(c.last()).toBe(6);
  });

  it('waits for a full idle period after the last request, however many came before', async () => {
    const { c, reserve } = await afterBurstOfSix();
    await jest.advanceTimersByTimeAsync(900);
    await expect(reserve.next()).resolves.toBe(7);
    await jest.advanceTimersByTimeAsync(900);
    expect(c.givenBack).toEqual([]);
    await jest.advanceTimersByTimeAsync(200);
    expect(c.givenBack).toEqual([[8, 12]]);
  });

  it('gives back only the trailing run when another instance took numbers between its blocks; a taken-over block stays a gap', async () => {
    const c = controlledCounter();
    const released = jest.fn();
    const reserve = new NumberReserve(c.counter, { ...OPTIONS, maxAhead: 4, onReleased: released });
    const burst = Array.from({ length: 4 }, () => reserve.next());
    await c.answer(); // 1
    await c.answer(); // 2–4 for the waiters, 5–8 ahead
    await Promise.all(burst);
    c.others(3); // another instance: 9–11
    const more = [reserve.next(), reserve.next(), reserve.next()]; // 5, 6, 7: one spare left, below half: take 4 more
    expect(await Promise.all(more)).toEqual([5, 6, 7]);
    await c.answer(); // 12–15
    await reserve.release();
    expect(c.givenBack).toEqual([[12, 15]]);
    expect(c.last()).toBe(11);
    expect(released).toHaveBeenCalledTimes(1);
  });

  it('fails the requests a failed take was for, and keeps serving the ones that came after', async () => {
    const c = controlledCounter();
    let fail = true;
    const counter: NumberCounter = { ...c.counter, take: (count) => (fail ? ((fail = false), Promise.reject(new Error('connection lost'))) : c.counter.take(count)) };
    const reserve = new NumberReserve(counter, OPTIONS);
    const first = reserve.next();
    const second = reserve.next();
    await expect(first).rejects.toThrow('connection lost');
    await c.answer();
    await expect(second).resolves.toBe(1);
  });

  it('does not give back while a take is on its way, and tries again after another idle period', async () => {
    const c = controlledCounter();
    const reserve = new NumberReserve(c.counter, OPTIONS);
    const burst = Array.from({ length: 3 }, () => reserve.next());
    await c.answer();
    await jest.advanceTimersByTimeAsync(1_100); // idle, but the second take is still on its way
    expect(c.givenBack).toEqual([]);
    await c.answer();
    expect(await Promise.all(burst)).toEqual([1, 2, 3]);
    await jest.advanceTimersByTimeAsync(1_100);
    expect(c.givenBack).toEqual([[4, 6]]);
    expect(c.last()).toBe(3);
  });
});
