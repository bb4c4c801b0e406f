import { demoDistrictFiles, type Territory } from '@grid/demo-data';
import { toCsv } from '../assessment/assessment-export';
import { rotaWorkbook } from '../rota/rota-workbook';

/** One of the four files a district moves in with, as it would be uploaded. */
export interface DistrictFile {
  name: string;
  bytes: Buffer;
}

export interface DistrictFileSet {
  territory: DistrictFile;
  people: DistrictFile;
  rota: DistrictFile;
  categories: DistrictFile;
}

/**
 * The demo's four files in the formats the imports read (README "Setting up a district"): the territory as GeoJSON,
 * the people as CSV (UTF-8, as the template writes it), the rota as the workbook, the list as JSON. The demo loader
 * imports these bytes; `export-demo-samples` writes them out.
 */
export async function demoDistrictFileSet(territory: Territory, seed: number): Promise<DistrictFileSet> {
  const files = demoDistrictFiles(territory, seed);
  return {
    territory: { name: 'territory.geojson', bytes: Buffer.from(JSON.stringify(files.territory)) },
    people: { name: 'people.csv', bytes: toCsv(files.people) },
    rota: { name: 'rota.xlsx', bytes: await rotaWorkbook(files.rota) },
    categories: { name: 'categories.json', bytes: Buffer.from(`${JSON.stringify(files.categories, null, 2)}\n`) },
  };
}
