import { mulberry32 } from '../random';

/** A seeded source of the simulator's choices (never Math.random: the same input gives the same history). */
export type Random = () => number;

/** FNV-1a of a text, mixed with a seed: a stable 32-bit key for a sub-stream (per case, per person). */
export function hashOf(seed: number, text: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** An independent stream for one key, so that one case's draws never shift another's. */
export const streamOf = (seed: number, key: string): Random => mulberry32(hashOf(seed, key));

export const uniform = (random: Random, min: number, max: number): number => min + (max - min) * random();

export const chance = (random: Random, probability: number): boolean => random() < probability;

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A log-normal draw with the given median and spread (σ of the log). */
export const logNormal = (random: Random, median: number, sigma: number): number => median * Math.exp(sigma * normal(random));

/** An element drawn with probability proportional to its weight (the last one when all weigh 0). */
export function weighted<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T {
  return new WeightedDraw(items, weightOf).draw(random);
}

/** An entry of a weight table `[[value, weight], …]`. */
export const fromTable = <T>(random: Random, table: readonly (readonly [T, number])[]): T => weighted(random, table, ([, w]) => w)[0];

/** Repeated weighted draws from one list: cumulative weights once, then a binary search per draw. */
export class WeightedDraw<T> {
  private readonly cumulative: number[] = [];

  constructor(
    private readonly items: readonly T[],
    weightOf: (item: T) => number,
  ) {
    if (items.length === 0) throw new RangeError('nothing to draw from');
    let total = 0;
    for (const item of items) this.cumulative.push((total += Math.max(0, weightOf(item))));
  }

  draw(random: Random): T {
    const target = random() * this.cumulative[this.cumulative.length - 1];
    let [low, high] = [0, this.items.length - 1];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.items[low];
  }
}
