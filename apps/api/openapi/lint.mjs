// Lints the OpenAPI document with Redocly's rules (apps/api/openapi/redocly.yaml). Redocly's library rather than
// its CLI: the CLI 2.x prints a Node 20 end-of-life notice on every run, and openapi-typescript already brings the
// library. Fails on any error or warning.
import { formatProblems, getTotals, lint, loadConfig } from '@redocly/openapi-core';
import * as path from 'node:path';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: node apps/api/openapi/lint.mjs OPENAPI.json');
const config = await loadConfig({ configPath: path.join(import.meta.dirname, 'redocly.yaml') });
const problems = await lint({ ref: file, config });
const totals = getTotals(problems);
formatProblems(problems, { format: 'stylish', totals, version: 'openapi-core' });
if (totals.errors + totals.warnings > 0) process.exit(1);
console.log(`${file}: no problems`);
