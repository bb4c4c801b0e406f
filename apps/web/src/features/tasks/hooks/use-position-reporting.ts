import { distanceMeters } from '@grid/geo';
import { useEffect, useRef } from 'react';
import { emitRealtime, emitWhenAwake } from '../../../realtime/use-realtime';
import type { DevicePosition } from './use-geolocation';

const EVERY_MS = 60_000;
const OR_AFTER_METRES = 50;

/**
 * Sends the worker's position on the live channel (the command centre shows it): at once the first time, then
 * at most once a minute or after moving 50 m, with the channel's next wake-up rather than by waking the phone's
 * radio for it (emitWhenAwake: within the minute).
 */
export function usePositionReporting(position: DevicePosition | null): void {
  const last = useRef<{ lat: number; lng: number; at: number } | null>(null);
  useEffect(() => {
    if (!position) return;
    const previous = last.current;
    const moved = previous ? distanceMeters(previous, position) : Infinity;
    if (previous && Date.now() - previous.at < EVERY_MS && moved < OR_AFTER_METRES) return;
    const report = { lat: position.lat, lng: position.lng, accuracy: Math.round(position.accuracy) };
    if (previous ? emitWhenAwake('worker.position', report) : emitRealtime('worker.position', report)) {
      last.current = { lat: position.lat, lng: position.lng, at: Date.now() };
    }
  }, [position]);
}
