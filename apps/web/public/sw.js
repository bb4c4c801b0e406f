/*
 * The app shell's service worker, written by hand (no build plugin): the app opens without a
 * connection, as a grid worker's phone in a hill village needs; the data itself is the app's business
 * (lists saved on the device, reports and actions queued in IndexedDB).
 *
 * - Pages (navigations): network first, so a deploy shows at once; offline, the cached shell.
 * - /assets/* (content-hashed by Vite, never change): cache first. At install the shell's assets and
 *   every chunk they name (the lazily loaded pages) are fetched, so a page never opened online still
 *   opens offline.
 * - /api, /socket.io: never cached here.
 */
const SHELL_CACHE = 'grid-shell-v1';
const ASSET_CACHE = 'grid-assets-v1';
const KEEP_ASSETS = 120;
const SHELL = ['/', '/manifest.webmanifest', '/favicon.ico', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon.svg'];

/** Asset paths named in an HTML page or a JS chunk (Vite writes them as "assets/name-hash.ext"). */
function assetsIn(text) {
  const found = new Set();
  for (const match of text.matchAll(/(?:^|["'`(/])(assets\/[\w.-]+\.(?:js|css|png|svg|woff2?))/g)) found.add(`/${match[1]}`);
  return [...found];
}

async function precache() {
  const shell = await caches.open(SHELL_CACHE);
  await shell.addAll(SHELL);
  const html = await (await shell.match('/')).text();
  const assets = await caches.open(ASSET_CACHE);
  const entry = assetsIn(html);
  await assets.addAll(entry);
  // One level down: the entry chunk names the lazy pages' chunks.
  const named = new Set();
  for (const path of entry.filter((p) => p.endsWith('.js'))) {
    const response = await assets.match(path);
    if (response) assetsIn(await response.text()).forEach((p) => named.add(p));
  }
  await Promise.all([...named].map((path) => assets.add(path).catch(() => undefined)));
}

globalThis.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => globalThis.skipWaiting()));
});

globalThis.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== ASSET_CACHE).map((k) => caches.delete(k))))
      .then(() => globalThis.clients.claim()),
  );
});

async function trimAssets() {
  const cache = await caches.open(ASSET_CACHE);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP_ASSETS)).map((request) => cache.delete(request)));
}

async function page(request) {
  const shell = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    // Every path of the app is the same page (client-side routing): keep the newest copy as "/".
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) await shell.put('/', response.clone());
    return response;
  } catch (error) {
    const cached = await shell.match('/');
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    void trimAssets();
  }
  return response;
}

async function staticFile(request) {
  const shell = await caches.open(SHELL_CACHE);
  const cached = await shell.match(request);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) void shell.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached || fresh;
}

globalThis.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== globalThis.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io') || url.pathname.startsWith('/open311/')) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
  else if (SHELL.includes(url.pathname)) event.respondWith(staticFile(request));
});
