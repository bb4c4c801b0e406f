/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

interface ImportMetaEnv {
  /** Leaflet tile URL template for the base map, used when GET /api/config has no tileUrl. */
  readonly VITE_TILE_URL?: string;
  /** Attribution shown with those tiles (HTML allowed, as Leaflet renders it). */
  readonly VITE_TILE_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
