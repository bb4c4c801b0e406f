/**
 * jest's globalSetup and globalTeardown run outside the test runtime, where the Nx resolver that maps
 * `@grid/*` to the libraries' sources is not active: map them here, before anything imports one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

const root = path.resolve(__dirname, '../../..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: root, paths: compilerOptions.paths });
