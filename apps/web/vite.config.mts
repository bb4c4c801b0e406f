/// <reference types='vitest' />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** Where `npm run dev` finds the API (apps/api serving on its default port). */
const apiTarget = process.env['API_PROXY_TARGET'] ?? 'http://localhost:3000';
const proxy = {
  '/api': { target: apiTarget },
  '/open311': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
};

/**
 * src/early-start.ts as its own small entry, loaded before the app's entry: it starts the wall's large
 * requests while the app's half megabyte still travels (see the file). Built only: in development the app
 * makes the requests itself.
 */
function earlyStart(): Plugin {
  return {
    name: 'grid-early-start',
    apply: 'build',
    config: () => ({ build: { rollupOptions: { input: { index: 'index.html', early: 'src/early-start.ts' } } } }),
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early');
        if (!chunk) throw new Error('early-start: entry chunk not found');
        // First of the module scripts, so that it runs first (module scripts run in document order).
        return html.replace('<script type="module"', `<script type="module" crossorigin src="/${chunk.fileName}"></script>\n    <script type="module"`);
      },
    },
  };
}

/**
 * The service worker (src/sw/sw.ts, ADR 0013): built by vite-plugin-pwa with Workbox, the build's
 * files injected as its precache manifest. Registered by the app's update banner (virtual:pwa-register), which
 * asks before a new version takes over; the web app manifest stays public/manifest.webmanifest.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  // Built as /sw.js, the URL of the hand-written worker it replaces, so installed phones update to it.
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  manifest: false,
  injectManifest: {
    // One classic script: the worker has no dynamic imports to split, and the plugin's default ('es') asks the
    // bundler for output.inlineDynamicImports, which rolldown (Vite 8) reports as deprecated on every build.
    rollupFormat: 'iife',
    globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
    // The assessment page (charts) is the largest chunk, about 0.6 MB.
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  },
});

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
  // public/ (icons, manifest, service worker) is copied to the build as is.
  publicDir: 'public',
  // The @grid/* aliases of tsconfig.base.json, resolved by Vite itself (it replaces vite-tsconfig-paths).
  resolve: { tsconfigPaths: true },
  plugins: [react(), earlyStart(), pwa],
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    reportCompressedSize: true,
    commonjsOptions: {
      transformMixedEsModules: true,
    },
  },
}));
