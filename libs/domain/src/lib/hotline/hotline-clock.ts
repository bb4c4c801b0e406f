import type { HotlineClock } from '@grid/contracts';
import { slaStateOf } from '../sla/sla-clock';
import { toMs, type Instant } from '../shared/instant.util';

/** The share of a clock's time used before it turns yellow, as the case's own clocks (DESIGN §3). */
export const HOTLINE_WARNING_FRACTION = 0.8;

/**
 * The hotline's deadline as a clock of its own, in calendar time from when the order arrived: green, yellow past
 * 80 % of the time, red past the deadline; it stops when the case is resolved for the hotline (办结).
 */
export function hotlineClockOf(receivedAt: Instant, dueAt: Instant, now: Instant, stoppedAt: Instant | null): HotlineClock {
  const start = toMs(receivedAt);
  const end = stoppedAt ? toMs(stoppedAt) : toMs(now);
  const total = toMs(dueAt) - start;
  const used = total > 0 ? (end - start) / total : end > toMs(dueAt) ? Infinity : 1;
  return { dueAt, state: slaStateOf(used, HOTLINE_WARNING_FRACTION), stoppedAt };
}
