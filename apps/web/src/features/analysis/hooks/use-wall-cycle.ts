import { useEffect, useState } from 'react';
import type { HotspotPeriod } from './use-hotspots';

/** The views a wall left alone cycles through: the live map, the week's hotspots, the month's with the trends. */
const PHASES: readonly (HotspotPeriod | null)[] = [null, 7, 30];

/** `?cycle=SECONDS` (≥ 10) in the wall's address: its seconds per view; anything else: no cycling. */
function cycleSeconds(): number | null {
  const seconds = Number(new URLSearchParams(window.location.search).get('cycle'));
  return Number.isFinite(seconds) && seconds >= 10 ? seconds : null;
}

/**
 * Wall mode (issue 20): unattended, the command-centre wall turns from the live map to the hotspots of the week and
 * then of the month (with the trends), and back, every `cycle` seconds. A hand on the panel stops it (`stop`).
 */
export function useWallCycle(setDays: (days: HotspotPeriod | null) => void): { cycling: boolean; stop: () => void } {
  const [seconds, setSeconds] = useState(cycleSeconds);
  useEffect(() => {
    if (seconds === null) return;
    let phase = 0;
    const timer = setInterval(() => {
      phase = (phase + 1) % PHASES.length;
      setDays(PHASES[phase]);
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [seconds, setDays]);
  return { cycling: seconds !== null, stop: () => setSeconds(null) };
}
