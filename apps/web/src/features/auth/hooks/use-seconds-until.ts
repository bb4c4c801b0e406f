import { useEffect, useState } from 'react';

/** Whole seconds left until `epochMs` (0 once passed, null without a time), ticking every second. */
export function useSecondsUntil(epochMs: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const [target, setTarget] = useState(epochMs);
  // A new deadline restarts from the current time at once, not from whenever the clock last ticked.
  if (target !== epochMs) {
    setTarget(epochMs);
    setNow(Date.now());
  }
  useEffect(() => {
    if (epochMs === null) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= epochMs) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [epochMs]);
  return epochMs === null ? null : Math.max(0, Math.ceil((epochMs - now) / 1000));
}
