/**
 * `npm run bundle-size [-- DIR]`: what the browser downloads from the web build (default dist/apps/web),
 * gzipped, printed as a Markdown table for docs/benchmarks.md.
 *
 * Rows: the first script (index.html's first module script: the wall's early requests), the app's entry
 * (its script, every chunk it imports statically and its stylesheets), then each lazy page: the bytes that
 * navigating to it adds on top of the entry (its chunk, the chunks it imports statically and the stylesheets
 * Vite preloads with it), then workers. Reads only the files, so it runs on any build, before or after a change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

interface Row {
  name: string;
  files: string[];
}

const dir = path.resolve(process.argv[2] ?? 'dist/apps/web');
const read = (file: string) => fs.readFileSync(path.join(dir, file));
const text = (file: string) => read(file).toString('utf8');
/** Level 6: what a server compressing on the fly sends. */
const gzipped = (file: string) => gzipSync(read(file), { level: 6 }).length;
const label = (file: string) => path.basename(file).replace(/-[\w-]{8}\.(js|css)$/, '');

/** Static imports between chunks (`import"./x.js"`, `from"./x.js"`), transitively. */
function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    for (const match of text(file).matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), match[1]));
    }
  }
  return seen;
}

/** Dynamic imports (`import(`./page.js`)`) with the stylesheets Vite preloads with each (`__vite__mapDeps([…])`). */
function lazyChunks(files: Iterable<string>): Map<string, string[]> {
  const pages = new Map<string, string[]>();
  for (const file of files) {
    if (!file.endsWith('.js')) continue;
    const source = text(file);
    const depsList = /m\.f=\[([^\]]*)\]/.exec(source)?.[1].match(/"([^"]+)"/g)?.map((quoted) => quoted.slice(1, -1)) ?? [];
    for (const match of source.matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)) {
      const chunk = path.posix.join(path.posix.dirname(file), match[1]);
      // The preload list follows the import in the same call, before any other dynamic import.
      const after = source.slice(match.index, match.index + 600).split(/import\(\s*["'`]/)[1] ?? '';
      const indices = /__vite__mapDeps\(\[([\d,]*)\]\)/.exec(after)?.[1].split(',').filter(Boolean).map(Number) ?? [];
      const styles = indices.map((index) => depsList[index]).filter((dep): dep is string => dep?.endsWith('.css') ?? false);
      pages.set(chunk, [...new Set([...(pages.get(chunk) ?? []), ...styles])]);
    }
  }
  return pages;
}

function main(): void {
  const html = text('index.html');
  const scripts = [...html.matchAll(/<script type="module"[^>]*src="\/([^"]+)"/g)].map((m) => String(m[1]));
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => String(m[1]));
  const styles = [...html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => String(m[1]));
  if (scripts.length === 0) throw new Error(`${dir}/index.html has no module script: build the web app first`);

  // With two module scripts, the first is the early start; with one, it is the app's entry.
  const first = scripts.length > 1 ? scripts[0] : undefined;
  const rest = scripts.length > 1 ? scripts.slice(1) : scripts;
  const entry = staticClosure([...rest, ...preloads]);
  for (const style of styles) entry.add(style);
  const rows: Row[] = [];
  if (first) rows.push({ name: `first script (${label(first)})`, files: [...staticClosure([first])] });
  rows.push({ name: `app entry (${rest.map(label).join(', ')} + ${entry.size - rest.length} static imports and styles)`, files: [...entry] });

  // Lazy chunks reachable from the entry and from other lazy chunks (an admin section inside the admin page).
  const visited = new Set<string>();
  let frontier = lazyChunks(entry);
  const lazy: Row[] = [];
  while (frontier.size > 0) {
    const next = new Map<string, string[]>();
    for (const [chunk, chunkStyles] of frontier) {
      if (visited.has(chunk)) continue;
      visited.add(chunk);
      const own = [...staticClosure([chunk]), ...chunkStyles].filter((file) => !entry.has(file));
      lazy.push({ name: `lazy: ${label(chunk)}`, files: [...new Set(own)] });
      for (const [inner, innerStyles] of lazyChunks(staticClosure([chunk]))) next.set(inner, innerStyles);
    }
    frontier = next;
  }
  rows.push(...lazy.sort((a, b) => a.name.localeCompare(b.name)));

  const assets = fs.readdirSync(path.join(dir, 'assets')).map((file) => `assets/${file}`);
  for (const worker of assets.filter((file) => /\.worker-[\w-]+\.js$/.test(file))) rows.push({ name: `worker: ${label(worker)}`, files: [worker] });
  rows.push({ name: 'all JS and CSS in assets/', files: assets.filter((file) => /\.(js|css)$/.test(file)) });

  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const lines = ['| part | files | raw kB | gzip kB |', '|---|---:|---:|---:|'];
  for (const row of rows) {
    const raw = row.files.reduce((sum, file) => sum + read(file).length, 0);
    const gz = row.files.reduce((sum, file) => sum + gzipped(file), 0);
    lines.push(`| ${row.name} | ${row.files.length} | ${kb(raw)} | ${kb(gz)} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
