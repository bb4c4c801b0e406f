import { useEffect, useState } from 'react';

export interface DevicePosition {
  lat: number;
  lng: number;
  /** Metres. */
  accuracy: number;
  at: number;
}

export type GeolocationProblem = 'denied' | 'unavailable' | 'insecure' | null;

/**
 * The phone's position while `active`, kept fresh (watchPosition). Browsers give GPS only on https or
 * localhost: elsewhere the problem is `insecure` and the user taps the map instead.
 */
export function useGeolocation(active: boolean): { position: DevicePosition | null; problem: GeolocationProblem } {
  const [position, setPosition] = useState<DevicePosition | null>(null);
  const [problem, setProblem] = useState<GeolocationProblem>(null);

  useEffect(() => {
    if (!active) return;
    if (!window.isSecureContext) {
      setProblem('insecure');
      return;
    }
    if (!('geolocation' in navigator)) {
      setProblem('unavailable');
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => {
        setPosition({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, at: p.timestamp });
        setProblem(null);
      },
      (error) => setProblem(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [active]);

  return { position, problem };
}
