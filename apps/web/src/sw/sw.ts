/*
 * The app shell's service worker (built by vite-plugin-pwa from this file, with Workbox): the app opens
 * without a connection, as a grid worker's phone in a hill village needs; the data itself is the app's
 * business (the query cache persisted on the device, reports and actions queued in IndexedDB).
 *
 * - Every file of the build (the entry, each lazy page, styles, icons, the manifest) is precached at
 *   install from the build's manifest, so a page never opened online still opens offline.
 * - Pages (navigations): network first, so a deploy shows at once; offline, the precached shell.
 * - /assets/* not in this version's precache (a newer deploy's, named by a page fetched from the network):
 *   cache first (content-hashed by Vite, they never change), the newest 120 kept.
 * - /api, /open311, /socket.io and other origins: never cached here (nothing personal on the device but
 *   what the app itself keeps); writes (anything but GET) never go through a route.
 * - A new version waits until the user accepts it (the app's update banner posts SKIP_WAITING).
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

const NEVER_CACHED = [/^\/api(\/|$)/, /^\/open311(\/|$)/, /^\/socket\.io(\/|$)/];
/** What the hand-written worker before this one kept (sw.js until issue 22): dropped on activation. */
const OLD_CACHES = ['grid-shell-v1', 'grid-assets-v1'];
const SHELL = '/index.html';

// Registered before the precache's route, which would otherwise answer '/' from the cache first.
const network = new NetworkOnly();
registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        return await network.handle(options);
      } catch (error) {
        const shell = await matchPrecache(SHELL);
        if (shell) return shell;
        throw error;
      }
    },
    { denylist: NEVER_CACHED },
  ),
);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
  new CacheFirst({ cacheName: 'grid-assets', plugins: [new ExpirationPlugin({ maxEntries: 120 })] }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes the open page at once (as sw.js did), so it works offline without a reload.
self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all(OLD_CACHES.map((name) => caches.delete(name))).then(() => self.clients.claim()));
});
