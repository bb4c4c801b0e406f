/**
 * Writes the rota import's sample (docs/samples/rota.xlsx): the template the console offers, with rows for the
 * demo territory. Run: npx ts-node --transpile-only -P apps/api/tsconfig.app.json apps/api/scripts/rota-sample.ts [OUT]
 */
import * as fs from 'node:fs';
import { rotaTemplate } from '../src/modules/rota/rota-workbook';

const out = process.argv[2] ?? 'docs/samples/rota.xlsx';
rotaTemplate().then((buffer) => {
  fs.writeFileSync(out, buffer);
  console.log(`wrote ${out} (${buffer.length} bytes)`);
});
