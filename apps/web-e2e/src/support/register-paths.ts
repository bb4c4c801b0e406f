/** jest's globalSetup runs outside the test runtime and its Nx resolver: map `@grid/*` to the libraries' sources first. */
import * as path from 'node:path';
import { loadConfig, register } from 'tsconfig-paths';

const config = loadConfig(path.resolve(__dirname, '../../../../tsconfig.base.json'));
if (config.resultType === 'success') register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
