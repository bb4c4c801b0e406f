import { useCallback, useEffect, useRef, useState } from 'react';
import { useCaseEvents } from '../../../realtime/realtime-events';
import { beep, unlockAudio } from './beep';

type AppBadgeNavigator = Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };

/**
 * A case pushed to me (case.assigned) or newly reported in my grid by someone else: beep, vibrate, and
 * mark it "new" until it is opened; the installed app's icon shows how many are new.
 */
export function useTaskAlerts(userId: string): { fresh: ReadonlySet<string>; seen: (caseId: string) => void } {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  /** Cases I reported myself: their automatic dispatch back to me is no news. */
  const ownReports = useRef(new Set<string>());

  useEffect(() => {
    document.addEventListener('pointerdown', unlockAudio);
    return () => document.removeEventListener('pointerdown', unlockAudio);
  }, []);

  useCaseEvents(({ event, push }) => {
    if (event === 'case.created' && push.actorId === userId) ownReports.current.add(push.case.id);
    const forMe = (event === 'case.assigned' && !ownReports.current.has(push.case.id)) || (event === 'case.created' && push.actorId !== userId);
    if (!forMe || fresh.has(push.case.id)) return;
    beep();
    navigator.vibrate?.([200, 100, 200]);
    setFresh((previous) => new Set(previous).add(push.case.id));
  });

  useEffect(() => {
    const nav = navigator as AppBadgeNavigator;
    if (fresh.size) void nav.setAppBadge?.(fresh.size).catch(() => undefined);
    else void nav.clearAppBadge?.().catch(() => undefined);
  }, [fresh]);

  const seen = useCallback((caseId: string) => {
    setFresh((previous) => {
      if (!previous.has(caseId)) return previous;
      const next = new Set(previous);
      next.delete(caseId);
      return next;
    });
  }, []);
  return { fresh, seen };
}
