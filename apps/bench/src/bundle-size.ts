/**
 * The web bundle's size, gzipped (issue 22's measure): the first script (early start), the app's entry with
 * every chunk it imports statically (what the first page load runs), and each lazy page with what it adds.
 *
 *   ts-node --transpile-only -P apps/bench/tsconfig.json apps/bench/src/bundle-size.ts [dist/apps/web]
 *
 * Prints one JSON object: sizes in bytes, gzip level 9 (what a static server's precompression gives; Vite's
 * own report uses the same).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(process.argv[2] ?? 'dist/apps/web');
const assets = path.join(dist, 'assets');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

const gz = new Map<string, number>();
const gzipped = (file: string) => {
  let size = gz.get(file);
  if (size === undefined) gz.set(file, (size = gzipSync(fs.readFileSync(path.join(assets, file)), { level: 9 }).length));
  return size;
};

/** The chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`; not `import("./x.js")`). */
function staticImports(file: string): string[] {
  const code = fs.readFileSync(path.join(assets, file), 'utf8');
  return [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]);
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    staticImports(file).forEach(visit);
  };
  visit(entry);
  return seen;
}

const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipped(file), 0);
const scripts = [...html.matchAll(/<script type="module"[^>]*src="\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]);
const early = scripts.find((s) => s.startsWith('early-'));
const entry = scripts.find((s) => s.startsWith('index-'));
if (!early || !entry) throw new Error(`no early or index script in ${dist}/index.html`);
const loaded = closure(entry);
const earlyFiles = closure(early);

const pages: Record<string, { own: number; added: number }> = {};
for (const file of fs.readdirSync(assets).filter((f) => /-page-[\w-]+\.js$/.test(f)).sort()) {
  const added = [...closure(file)].filter((f) => !loaded.has(f) && !earlyFiles.has(f));
  pages[file.replace(/-[\w-]{8}\.js$/, '')] = { own: gzipped(file), added: sum(added) };
}

console.log(
  JSON.stringify(
    {
      early: { own: gzipped(early), withImports: sum(earlyFiles) },
      entry: { own: gzipped(entry), withImports: sum(loaded), chunks: loaded.size },
      pages,
      serviceWorker: fs.existsSync(path.join(dist, 'sw.js')) ? gzipSync(fs.readFileSync(path.join(dist, 'sw.js')), { level: 9 }).length : null,
    },
    null,
    2,
  ),
);
