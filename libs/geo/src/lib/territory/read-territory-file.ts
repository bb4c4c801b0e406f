import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import gcoord from 'gcoord';
import JSZip from 'jszip';
import proj4 from 'proj4';
import { readDbf, readShp } from './shapefile-reader';
import { TerritoryFileError } from './territory-file-error';
import type { RawFeature } from './territory-types';

export const DECLARED_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
/** The datum a file's lng/lat are in: WGS 84 (and CGCS2000, taken as equal), or China's shifted GCJ-02 / BD-09. */
export type DeclaredCrs = (typeof DECLARED_CRS)[number];
export type TerritoryFileFormat = 'geojson' | 'kml' | 'shapefile';

export interface TerritoryFile {
  format: TerritoryFileFormat;
  /** Where the coordinates came from, e.g. "EPSG:4326", "CGCS2000 / 3-degree Gauss-Kruger CM 108E (.prj)". */
  sourceCrs: string;
  features: RawFeature[];
}

type Transform = (position: number[]) => number[];

/**
 * Reads a GeoJSON, KML or zipped Shapefile (format from its bytes, not its name) into features in
 * WGS 84 lng/lat. Projected sources are reprojected with proj4 (the .prj, or a GeoJSON `crs` member);
 * CGCS2000 is taken as WGS 84 (they differ by centimetres); GCJ-02 and BD-09 cannot be recognised from
 * the numbers, so the caller declares them and they are converted with gcoord.
 * Throws TerritoryFileError with the reason when the file cannot be read.
 */
export async function readTerritoryFile(bytes: Uint8Array, declared: DeclaredCrs = 'wgs84'): Promise<TerritoryFile> {
  const format = detectFormat(bytes);
  const read = format === 'shapefile' ? await readShapefileZip(bytes) : format === 'kml' ? readKml(bytes) : readGeoJson(bytes);
  const datum = datumTransform(declared);
  const first = read.transform;
  const transform: Transform | null = first && datum ? (p) => datum(first(p)) : (first ?? datum);
  const features = transform
    ? read.features.map((f) => ({ properties: f.properties, geometry: f.geometry && Array.isArray(f.geometry.coordinates) ? { type: f.geometry.type, coordinates: mapPositions(f.geometry.coordinates, transform) } : f.geometry }))
    : read.features;
  if (features.length === 0) throw new TerritoryFileError('no_features', 'the file holds no features');
  return { format, sourceCrs: declared === 'wgs84' ? read.sourceCrs : `${read.sourceCrs}, declared ${declared.toUpperCase()}`, features };
}

function detectFormat(bytes: Uint8Array): TerritoryFileFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'shapefile';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x7b) return 'geojson';
  if (bytes[i] === 0x3c) return 'kml';
  throw new TerritoryFileError('unknown_format', 'not a GeoJSON, KML or zipped Shapefile (the file starts with neither "{", "<" nor a zip header)');
}

interface Read {
  features: RawFeature[];
  sourceCrs: string;
  transform?: Transform;
}

function readGeoJson(bytes: Uint8Array): Read {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    throw new TerritoryFileError('invalid_json', `not valid JSON: ${(error as Error).message}`, { detail: (error as Error).message });
  }
  const root = json as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (root?.type !== 'FeatureCollection' || !Array.isArray(root.features)) throw new TerritoryFileError('not_feature_collection', 'the GeoJSON is not a FeatureCollection');
  const crsName = typeof root.crs?.properties?.name === 'string' ? root.crs.properties.name : null;
  const features = root.features.map((f: unknown, i: number): RawFeature => {
    const feature = f as { type?: unknown; geometry?: RawFeature['geometry']; properties?: Record<string, unknown> | null };
    if (feature?.type !== 'Feature') throw new TerritoryFileError('not_feature', `features[${i}] is not a Feature`, { index: i });
    return { geometry: feature.geometry ?? null, properties: feature.properties ?? {} };
  });
  if (!crsName) return { features, sourceCrs: 'EPSG:4326' };
  const epsg = /EPSG:+(\d+)$/i.exec(crsName)?.[1] ?? (/CRS84$/i.test(crsName) ? '4326' : null);
  if (epsg === '4326' || epsg === '4490') return { features, sourceCrs: `EPSG:${epsg}` };
  if (epsg === '3857' || epsg === '900913') return { features, sourceCrs: 'EPSG:3857', transform: projector('EPSG:3857') };
  throw new TerritoryFileError('unsupported_crs', `the GeoJSON's crs "${crsName}" is not supported: export it in WGS 84 (EPSG:4326) or CGCS2000 (EPSG:4490)`, { crs: crsName });
}

function readKml(bytes: Uint8Array): Read {
  const text = new TextDecoder('utf-8').decode(bytes);
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new TerritoryFileError('unreadable_kml', `not a readable KML document: ${(error as Error).message}`, { detail: (error as Error).message });
  }
  if (errors.length || !doc.documentElement || doc.getElementsByTagName('kml').length === 0) {
    throw new TerritoryFileError('unreadable_kml', `not a readable KML document${errors.length ? `: ${errors[0].split('\n')[0]}` : ''}`, { detail: errors[0]?.split('\n')[0] ?? '' });
  }
  const collection = kml(doc as unknown as Document);
  return { features: collection.features.map((f) => ({ geometry: f.geometry as RawFeature['geometry'], properties: (f.properties ?? {}) as Record<string, unknown> })), sourceCrs: 'EPSG:4326 (KML)' };
}

async function readShapefileZip(bytes: Uint8Array): Promise<Read> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new TerritoryFileError('unreadable_zip', `the zip archive cannot be opened: ${(error as Error).message}`, { detail: (error as Error).message });
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir && !n.startsWith('__MACOSX/'));
  const shpName = names.find((n) => /\.shp$/i.test(n));
  if (!shpName) throw new TerritoryFileError('no_shp', 'the zip holds no .shp file');
  const base = shpName.slice(0, -4).toLowerCase();
  const sibling = (ext: string) => names.find((n) => n.toLowerCase() === `${base}.${ext}`);
  const dbfName = sibling('dbf');
  if (!dbfName) throw new TerritoryFileError('no_dbf', `the zip holds ${shpName} without its .dbf attribute table`, { file: shpName });
  const prjName = sibling('prj');
  const cpgName = sibling('cpg');
  const [shp, dbf, prj, cpg] = await Promise.all([
    zip.files[shpName].async('uint8array'),
    zip.files[dbfName].async('uint8array'),
    prjName ? zip.files[prjName].async('string') : Promise.resolve(null),
    cpgName ? zip.files[cpgName].async('string') : Promise.resolve(undefined),
  ]).catch((error: Error) => {
    throw new TerritoryFileError('unreadable_zip', `the zip archive is corrupt: ${error.message}`, { detail: error.message });
  });
  const shapes = readShp(shp);
  const rows = readDbf(dbf, cpg);
  if (rows.length !== shapes.length) throw new TerritoryFileError('shp_dbf_mismatch', `the .shp has ${shapes.length} shapes but the .dbf ${rows.length} rows`, { shapes: shapes.length, rows: rows.length });
  const features = shapes.map((shape, i): RawFeature => ({
    properties: rows[i],
    geometry: shape === null ? null : shape.type === 'Unsupported' ? { type: `Shapefile type ${shape.shapeType}` } : shape,
  }));
  if (!prj) return { features, sourceCrs: 'none given (.prj missing): taken as WGS 84' };
  return { features, ...prjTransform(prj) };
}

/** A .prj's WKT: geographic CGCS2000/WGS 84 needs nothing; anything projected goes through proj4. */
function prjTransform(wkt: string): { sourceCrs: string; transform?: Transform } {
  const name = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? 'unnamed';
  if (/^\s*GEOG/i.test(wkt)) {
    if (/WGS|China_2000|CGCS\s*2000|China Geodetic Coordinate System 2000/i.test(wkt)) return { sourceCrs: `${name} (.prj)` };
    throw new TerritoryFileError('unsupported_geographic_crs', `the .prj names the geographic system "${name}", which is not WGS 84 or CGCS2000: reproject the file first`, { crs: name });
  }
  return { sourceCrs: `${name} (.prj)`, transform: projector(wkt) };
}

function projector(from: string): Transform {
  let converter: proj4.Converter;
  try {
    converter = proj4(from, 'WGS84');
  } catch (error) {
    throw new TerritoryFileError('unreadable_projection', `the projection cannot be read: ${(error as Error).message ?? String(error)}`, { detail: (error as Error).message ?? String(error) });
  }
  return (p) => converter.forward([p[0], p[1]]);
}

function datumTransform(declared: DeclaredCrs): Transform | null {
  if (declared === 'wgs84') return null;
  const from = declared === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  return (p) => gcoord.transform([p[0], p[1]] as [number, number], from, gcoord.WGS84) as number[];
}

/** Applies `transform` to every [x, y] of nested coordinate arrays, keeping 7 decimals (about 1 cm). */
function mapPositions(value: unknown, transform: Transform): unknown {
  if (!Array.isArray(value)) return value;
  if (typeof value[0] === 'number') {
    const [x, y] = transform(value as number[]);
    return [round7(x), round7(y)];
  }
  return value.map((inner) => mapPositions(inner, transform));
}

const round7 = (n: number) => (Number.isFinite(n) ? Math.round(n * 1e7) / 1e7 : n);
