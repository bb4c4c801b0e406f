/**
 * Writes the rota import's sample (docs/samples/rota.xlsx): the template's workbook with the rota of the sample
 * district (docs/samples/territory.geojson, people.csv), so that the four samples import one after the other.
 * Run: npx ts-node --transpile-only -P apps/api/tsconfig.app.json apps/api/scripts/rota-sample.ts [OUT]
 */
import * as fs from 'node:fs';
import { rotaWorkbook } from '../src/modules/rota/rota-workbook';

const ROWS = [
  // Grid 001001's two workers take alternate day shifts; at night its cases go to the grid leader (liuxiaomei).
  ['周一、周三、周五、周日', '610902107001001', 'chenjianguo', '08:00', '20:00', '', '', ''],
  ['周二、周四、周六', '610902107001001', 'zhouhuimin', '08:00', '20:00', '', '', ''],
  // Grid 002002: of its two workers, zhengzhigang is on duty around the clock (wanglei is not on the rota).
  ['每天', '610902107002002', 'zhengzhigang', '00:00', '24:00', '', '', ''],
  ['周一至周五', 'zhzf', 'mawenjing', '08:30', '17:30', '', '', ''],
];

const out = process.argv[2] ?? 'docs/samples/rota.xlsx';
rotaWorkbook(ROWS).then((buffer) => {
  fs.writeFileSync(out, buffer);
  console.log(`wrote ${out} (${buffer.length} bytes)`);
});
