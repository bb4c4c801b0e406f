import L from 'leaflet';
import { useEffect, useState } from 'react';

let loading: Promise<unknown> | null = null;

/**
 * Loads leaflet-geoman (vertex editing and line drawing) once, on the first map that edits. Its bundle reads the
 * global `L` and hooks into L.Map's constructor, so it must run after Leaflet and before the editing map is made:
 * render that map only once this answers true. A chunk of its own keeps it out of every other page.
 */
export function useGeoman(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    (globalThis as { L?: typeof L }).L ??= L;
    loading ??= import('@geoman-io/leaflet-geoman-free');
    void loading.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}
