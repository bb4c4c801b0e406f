/// <reference types='vitest' />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { nxCopyAssetsPlugin } from '@nx/vite/plugins/nx-copy-assets.plugin';

/** Where `npm run dev` finds the API (apps/api serving on its default port). */
const apiTarget = process.env['API_PROXY_TARGET'] ?? 'http://localhost:3000';
const proxy = {
  '/api': { target: apiTarget },
  '/open311': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
};

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/web',
  server: {
    port: 4200,
    host: 'localhost',
    proxy,
  },
  preview: {
    port: 4300,
    host: 'localhost',
    proxy,
  },
  plugins: [react(), nxViteTsPaths(), nxCopyAssetsPlugin(['*.md'])],
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    reportCompressedSize: true,
    commonjsOptions: {
      transformMixedEsModules: true,
    },
  },
}));
