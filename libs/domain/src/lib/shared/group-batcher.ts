interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs work as group commit does: an item submitted while nothing runs goes at once, alone; items submitted
 * while a group runs wait for it and then go together, up to `max` in one group. Under light load nothing
 * waits; under heavy load one round trip serves many. `run` answers one result per item, in order. Should a
 * group fail, each of its items is tried again alone, so that one bad item never fails the others.
 */
export class GroupBatcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly max: number,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) await this.runGroup(this.queue.splice(0, this.max));
    } finally {
      this.running = false;
    }
  }

  private async runGroup(group: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(group.map((w) => w.item));
      if (results.length !== group.length) throw new Error(`a group of ${group.length} answered ${results.length} results`);
      group.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      await Promise.all(
        group.map((w) =>
          this.run([w.item]).then(
            ([result]) => w.resolve(result),
            (alone: unknown) => w.reject(alone),
          ),
        ),
      );
    }
  }
}
