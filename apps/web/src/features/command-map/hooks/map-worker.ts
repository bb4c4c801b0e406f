/** The wall's two large requests and its worker, named here so early-start.ts can begin them without the app's code. */
export const CASE_MAP_PATH = '/api/cases/map';
export const GRID_OUTLINES_PATH = '/api/areas/outlines?level=grid';

export function createMapWorker(): Worker {
  return new Worker(new URL('./map-cases.worker.ts', import.meta.url), { type: 'module' });
}
