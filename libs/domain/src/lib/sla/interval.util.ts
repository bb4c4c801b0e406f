/** [from, to) in epoch ms; `to` null: still open (runs until now). */
export interface Interval {
  from: number;
  to: number | null;
}

const endOf = (i: Interval) => i.to ?? Number.POSITIVE_INFINITY;

/** Sorted intervals with touching ones joined. */
export function joinIntervals(intervals: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last && i.from <= endOf(last)) last.to = endOf(i) > endOf(last) ? i.to : last.to;
    else out.push({ ...i });
  }
  return out;
}

/** `intervals` without the parts covered by `holes` (a suspension stops the clocks). */
export function subtractIntervals(intervals: readonly Interval[], holes: readonly Interval[]): Interval[] {
  let pieces = joinIntervals(intervals);
  for (const hole of holes) {
    pieces = pieces.flatMap((p): Interval[] => {
      if (endOf(hole) <= p.from || hole.from >= endOf(p)) return [p];
      const before: Interval[] = hole.from > p.from ? [{ from: p.from, to: hole.from }] : [];
      const after: Interval[] = endOf(hole) < endOf(p) ? [{ from: endOf(hole), to: p.to }] : [];
      return [...before, ...after];
    });
  }
  return pieces;
}
