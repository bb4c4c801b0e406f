import * as fs from 'node:fs';

/** Flags Chromium needs here: no sandbox as root, no GPU, and no calls home (STACK.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const INSTALL_HINT = [
  'Chromium was not found, so the browser tests are skipped.',
  'Install it with:  apt-get install -y chromium   (or point CHROMIUM_PATH at a Chromium binary)',
  'Set REQUIRE_BROWSER=1 to make a missing browser fail the run instead (CI does).',
].join('\n');

/** CHROMIUM_PATH when set (and it must exist then), else Debian's chromium; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist`);
    return explicit;
  }
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}
