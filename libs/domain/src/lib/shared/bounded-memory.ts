/**
 * A memory of computed values that forgets everything once it holds `max` of them: for the clocks' per-day
 * lookups, which a long-running server makes about a few years of days at most. Read with `get`, store with
 * `remember` (no closure per lookup on the hot path).
 */
export class BoundedMemory<K, V> extends Map<K, V> {
  constructor(private readonly max = 20_000) {
    super();
  }

  /** Stores `value` under `key` and answers it. */
  remember(key: K, value: V): V {
    if (this.size >= this.max) this.clear();
    this.set(key, value);
    return value;
  }
}
