// `@grid/*` resolve to the libraries' sources when the benchmark runs through ts-node (no bundler here).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

const root = path.resolve(__dirname, '../../..');
register({ baseUrl: root, paths: (JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths });
