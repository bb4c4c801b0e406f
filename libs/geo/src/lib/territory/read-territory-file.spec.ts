import JSZip from 'jszip';
import proj4 from 'proj4';
import { rectangleRing } from '../testing/fixtures';
import { writeShapefile } from '../testing/write-shapefile';
import { guessMapping, mapTerritory } from './map-territory';
import { readTerritoryFile } from './read-territory-file';
import { TerritoryFileError } from './territory-file-error';

const utf8 = (s: string) => new TextEncoder().encode(s);
const CGCS2000_GK_108 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const geojson = (features: unknown[], extra: object = {}) => utf8(JSON.stringify({ type: 'FeatureCollection', ...extra, features }));
const square = { type: 'Polygon', coordinates: [rectangleRing(108.7, 32.7, 108.71, 32.71)] };

async function zip(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const archive = new JSZip();
  for (const [name, data] of Object.entries(files)) archive.file(name, data);
  return archive.generateAsync({ type: 'uint8array' });
}

describe('readTerritoryFile', () => {
  it('reads a GeoJSON FeatureCollection as it is', async () => {
    const file = await readTerritoryFile(geojson([{ type: 'Feature', geometry: square, properties: { code: 'A' } }]));
    expect(file).toEqual({ format: 'geojson', sourceCrs: 'EPSG:4326', features: [{ geometry: square, properties: { code: 'A' } }] });
  });

  it('reads a KML document with its extended data', async () => {
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>一号网格</name>
      <ExtendedData><Data name="code"><value>610902107001001</value></Data></ExtendedData>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>108.7,32.7 108.71,32.7 108.71,32.71 108.7,32.71 108.7,32.7</coordinates></LinearRing></outerBoundaryIs></Polygon>
      </Placemark></Document></kml>`;
    const file = await readTerritoryFile(utf8(kml));
    expect(file.format).toBe('kml');
    expect(file.features[0].properties).toMatchObject({ name: '一号网格', code: '610902107001001' });
    expect(file.features[0].geometry).toEqual(square);
  });

  it('reads a zipped Shapefile in CGCS2000 Gauss-Krüger with a GBK attribute table, reprojected to WGS 84', async () => {
    const toGk = proj4('WGS84', CGCS2000_GK_108);
    const clockwise = [...rectangleRing(108.7, 32.7, 108.71, 32.71)].reverse().map((p) => toGk.forward(p));
    const gbk = (s: string) => new Uint8Array(Buffer.from(s === '一号网格' ? 'd2bbbac5cdf8b8f1' : Buffer.from(s).toString('hex'), 'hex'));
    const { shp, dbf } = writeShapefile([[clockwise]], [{ code: '610902107001001', name: '一号网格' }], gbk);
    const file = await readTerritoryFile(await zip({ 'grids.shp': shp, 'grids.dbf': dbf, 'grids.prj': CGCS2000_GK_108 }));
    expect(file.format).toBe('shapefile');
    expect(file.sourceCrs).toContain('CGCS2000_3_Degree_GK_CM_108E');
    expect(file.features[0].properties).toEqual({ code: '610902107001001', name: '一号网格' });
    const ring = (file.features[0].geometry as { coordinates: number[][][] }).coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring).toContainEqual([expect.closeTo(108.71, 6), expect.closeTo(32.71, 6)]);
  });

  it('converts coordinates declared GCJ-02 to WGS 84 (a shift of some hundred metres)', async () => {
    const file = await readTerritoryFile(geojson([{ type: 'Feature', geometry: square, properties: {} }]), 'gcj02');
    const [lng, lat] = (file.features[0].geometry as { coordinates: number[][][] }).coordinates[0][0];
    expect(lng).toBeCloseTo(108.6955, 3);
    expect(lat).toBeCloseTo(32.7022, 3);
    expect(file.sourceCrs).toContain('GCJ02');
  });

  it.each([
    ['an empty file', new Uint8Array(), /neither/],
    ['broken JSON', utf8('{"type": "FeatureCollection", "features": ['), /not valid JSON/],
    ['a JSON that is no FeatureCollection', utf8('{"type": "Point", "coordinates": [1, 2]}'), /not a FeatureCollection/],
    ['a FeatureCollection without features', geojson([]), /no features/],
    ['an unsupported crs', geojson([{ type: 'Feature', geometry: square, properties: {} }], { crs: { type: 'name', properties: { name: 'EPSG:2385' } } }), /EPSG:2385/],
    ['broken XML', utf8('<kml><Document><Placemark></kml'), /KML/],
    ['a zip cut in half', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /zip/],
  ])('refuses %s with its reason', async (_, bytes, reason) => {
    await expect(readTerritoryFile(bytes)).rejects.toThrow(TerritoryFileError);
    await expect(readTerritoryFile(bytes)).rejects.toThrow(reason);
  });

  it('refuses a zip without a .shp, or a .shp without its .dbf', async () => {
    await expect(readTerritoryFile(await zip({ 'readme.txt': 'x' }))).rejects.toThrow(/no \.shp/);
    const { shp } = writeShapefile([[rectangleRing(108.7, 32.7, 108.71, 32.71).reverse()]], [{ code: 'A' }]);
    await expect(readTerritoryFile(await zip({ 'a.shp': shp }))).rejects.toThrow(/\.dbf/);
  });
});

describe('mapTerritory', () => {
  const feature = (properties: Record<string, unknown>) => ({ geometry: square, properties });

  it('guesses Chinese property names and reads level words and attributes', () => {
    const features = [
      feature({ 编码: '610902', 名称: '区', 层级: '区' }),
      feature({ 编码: '610902Z01', 名称: '片区', 层级: '片区', 上级编码: '610902' }),
      feature({ 编码: '610902107001', 名称: '村', 层级: '社区', 上级编码: '610902Z01', 人口: '2,400', 户数: 800, 员额: 4 }),
    ];
    const mapping = guessMapping(features);
    expect(mapping).toEqual({ code: '编码', name: '名称', level: '层级', parent: '上级编码', population: '人口', households: '户数', staffQuota: '员额' });
    const { records, problems } = mapTerritory(features, mapping);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.code, r.level, r.parentCode])).toEqual([
      ['610902', 'district', null],
      ['610902Z01', 'zone', '610902'],
      ['610902107001', 'village', '610902Z01'],
    ]);
    expect(records[2]).toMatchObject({ population: 2400, households: 800, staffQuota: 4 });
  });

  it('takes levels from the depth in the parent tree when the file has none', () => {
    const features = [feature({ code: 'G', parentCode: 'V' }), feature({ code: 'V', parentCode: 'Z' }), feature({ code: 'Z', parentCode: 'D' }), feature({ code: 'D' })];
    const { records } = mapTerritory(features, guessMapping(features));
    expect(records.map((r) => r.level)).toEqual(['grid', 'village', 'zone', 'district']);
  });

  it.each([
    ['a feature without a code', feature({ name: 'x' }), 'error', 'missing_property'],
    ['a point instead of a polygon', { geometry: { type: 'Point', coordinates: [108.7, 32.7] }, properties: { code: 'P' } }, 'error', 'unsupported_geometry'],
    ['an unknown level word', feature({ code: 'X', name: 'x', level: 'province' }), 'error', 'unknown_level'],
    ['a population that is no number', feature({ code: 'X', name: 'x', population: 'many' }), 'warning', 'bad_number'],
  ])('reports %s', (_, f, severity, code) => {
    const { problems } = mapTerritory([f], { code: 'code', name: 'name', level: 'level', parent: null, population: 'population', households: null, staffQuota: null });
    expect(problems).toEqual([expect.objectContaining({ severity, code })]);
  });
});
