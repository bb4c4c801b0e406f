/** A counter every instance takes its numbers from (in the API, a database row per prefix and day). */
export interface NumberCounter {
  /** Advances the counter by `count` and answers its new value: the numbers `last − count + 1 … last` are the caller's. */
  take(count: number): Promise<number>;
  /**
   * Moves the counter back to `first − 1` if it still stands at `last` (nobody took numbers after these). Never
   * rejects: a failure leaves a gap, which is the counter's to report.
   */
  giveBack(first: number, last: number): Promise<void>;
}

export interface NumberReserveOptions {
  /** The window over which the recent rate of requests is counted. */
  rateWindowMs: number;
  /** At most this many numbers are held ahead. */
  maxAhead: number;
  /** The spare numbers go back once no number was asked for this long. */
  idleMs: number;
  /** Told when the reserve has given its numbers back and holds none. */
  onReleased?: () => void;
}

interface Waiter {
  resolve: (sequence: number) => void;
  reject: (error: unknown) => void;
}

/**
 * One counter's numbers on one instance. Requests arriving while a `take` is on its way share the next one, which
 * takes as many numbers as there are waiters and, while requests keep coming, as many more as arrived in the last
 * `rateWindowMs` (at most `maxAhead`): under load most requests find their number waiting. Numbers are handed out
 * lowest first, so the waiters of a take and the requests that came while it was on its way get consecutive numbers.
 * Once the requests stop for `idleMs`, the spare numbers go back (`giveBack`), so on one instance the numbers stay
 * gap-free but for failed requests. Several instances each take their own blocks, so their numbers interleave; a
 * block that cannot go back because another instance took numbers after it is a gap.
 */
export class NumberReserve {
  private readonly waiters: Waiter[] = [];
  /** Numbers taken and not yet handed out, ascending. */
  private readonly spare: number[] = [];
  private taking = false;
  /** How many numbers were asked for in the current and the previous rate window. */
  private asked = 0;
  private askedBefore = 0;
  private windowStartedAt: number;
  private lastAskedAt: number;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly counter: NumberCounter,
    private readonly options: NumberReserveOptions,
  ) {
    this.windowStartedAt = this.lastAskedAt = Date.now();
  }

  next(): Promise<number> {
    this.countAsked();
    this.armIdleTimer();
    const spare = this.spare.shift();
    if (spare !== undefined) {
      if (this.runningLow()) void this.take();
      return Promise.resolve(spare);
    }
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      void this.take();
    });
  }

  /**
   * Gives the spare numbers back (on idling, or when the instance stops); nothing while a take is on its way or
   * requests wait. Only the trailing run of consecutive numbers can go back: earlier ones are below another
   * instance's block.
   */
  async release(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.taking || this.waiters.length) return this.armIdleTimer();
    const spare = this.spare.splice(0);
    this.options.onReleased?.();
    if (!spare.length) return;
    let first = spare.length - 1;
    while (first > 0 && spare[first - 1] === spare[first] - 1) first--;
    await this.counter.giveBack(spare[first], spare[spare.length - 1]);
  }

  private countAsked(): void {
    const now = Date.now();
    this.lastAskedAt = now;
    if (now - this.windowStartedAt >= this.options.rateWindowMs) {
      // A window with no request at all in between: the rate before it is not the rate now.
      this.askedBefore = now - this.windowStartedAt < 2 * this.options.rateWindowMs ? this.asked : 0;
      this.asked = 0;
      this.windowStartedAt = now;
    }
    this.asked++;
  }

  /** How many numbers to hold ready: as many as were asked for in the last window (none for a lone request). */
  private ahead(): number {
    const recent = Math.max(this.asked, this.askedBefore);
    return recent > 1 ? Math.min(this.options.maxAhead, recent) : 0;
  }

  /** Fewer than half the numbers to hold ready are left: time to take more before a request has to wait. */
  private runningLow(): boolean {
    return this.spare.length < this.ahead() / 2;
  }

  private async take(): Promise<void> {
    if (this.taking) return;
    this.taking = true;
    try {
      while (this.waiters.length || this.runningLow()) {
        const waiting = this.waiters.length;
        const count = waiting + this.ahead();
        try {
          const last = await this.counter.take(count);
          for (let n = last - count + 1; n <= last; n++) this.spare.push(n);
          // Lowest first, in order of arrival: those that came while the numbers were on their way are served too.
          while (this.waiters.length && this.spare.length) (this.waiters.shift() as Waiter).resolve(this.spare.shift() as number);
        } catch (error) {
          for (const waiter of this.waiters.splice(0, waiting)) waiter.reject(error);
          if (!this.waiters.length) break;
        }
      }
    } finally {
      this.taking = false;
    }
  }

  /** One timer for the whole idle period: each request only moves `lastAskedAt`, the timer re-arms for the rest. */
  private armIdleTimer(): void {
    if (this.idleTimer) return;
    const check = () => {
      const idleFor = Date.now() - this.lastAskedAt;
      if (idleFor < this.options.idleMs) {
        this.idleTimer = setTimeout(check, this.options.idleMs - idleFor).unref();
        return;
      }
      this.idleTimer = null;
      void this.release();
    };
    this.idleTimer = setTimeout(check, this.options.idleMs).unref();
  }
}
