import type { Position } from '../geometry';
import { TerritoryFileError } from './territory-file-error';

/** A shape from a .shp file: its rings (polygons) or nothing (a null shape). */
export type ShpShape = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] } | { type: 'Unsupported'; shapeType: number } | null;

const POLYGON_TYPES = new Set([5, 15, 25]);

/**
 * Reads the polygons of an ESRI .shp file (types Polygon, PolygonZ, PolygonM; Z and M dropped).
 * Rings are grouped the Shapefile way: a clockwise ring starts a polygon, counterclockwise rings are
 * its holes. Written here because shpjs's bundle expects a browser (`self`) under Node's CommonJS.
 */
export function readShp(bytes: Uint8Array): ShpShape[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 100 || view.getInt32(0, false) !== 9994) throw new TerritoryFileError('corrupt_shapefile', 'the .shp file is not an ESRI Shapefile (bad file code)', { file: '.shp' });
  const shapes: ShpShape[] = [];
  let offset = 100;
  while (offset + 8 <= bytes.byteLength) {
    const length = view.getInt32(offset + 4, false) * 2;
    const start = offset + 8;
    if (length < 4 || start + length > bytes.byteLength) throw new TerritoryFileError('corrupt_shapefile', `the .shp file is truncated at byte ${offset}`, { file: '.shp' });
    const type = view.getInt32(start, true);
    if (type === 0) shapes.push(null);
    else if (!POLYGON_TYPES.has(type)) shapes.push({ type: 'Unsupported', shapeType: type });
    else shapes.push(readPolygon(view, start, length));
    offset = start + length;
  }
  return shapes;
}

function readPolygon(view: DataView, start: number, length: number): ShpShape {
  const parts = view.getInt32(start + 36, true);
  const points = view.getInt32(start + 40, true);
  const pointsAt = start + 44 + parts * 4;
  if (parts < 1 || points < 1 || pointsAt + points * 16 > start + length) throw new TerritoryFileError('corrupt_shapefile', `a polygon record of the .shp file is malformed at byte ${start}`, { file: '.shp' });
  const rings: Position[][] = [];
  for (let p = 0; p < parts; p++) {
    const from = view.getInt32(start + 44 + p * 4, true);
    const to = p + 1 < parts ? view.getInt32(start + 48 + p * 4, true) : points;
    const ring: Position[] = [];
    for (let i = from; i < to; i++) ring.push([view.getFloat64(pointsAt + i * 16, true), view.getFloat64(pointsAt + i * 16 + 8, true)]);
    rings.push(ring);
  }
  const polygons: Position[][][] = [];
  for (const ring of rings) {
    if (signedArea(ring) <= 0 || polygons.length === 0) polygons.push([ring]);
    else polygons[polygons.length - 1].push(ring);
  }
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return -sum / 2;
}

/**
 * Reads a dBASE III .dbf table: one record of trimmed strings (numbers for N/F fields) per row.
 * `encoding` comes from the .cpg file; without one, UTF-8 is tried and GBK taken when it fails
 * (Chinese GIS software writes GBK attribute tables).
 */
export function readDbf(bytes: Uint8Array, encoding?: string): Record<string, unknown>[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 33) throw new TerritoryFileError('corrupt_shapefile', 'the .dbf file is truncated', { file: '.dbf' });
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: { name: string; type: string; offset: number; length: number }[] = [];
  let fieldOffset = 1;
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const name = new TextDecoder('latin1').decode(end >= 0 ? nameBytes.subarray(0, end) : nameBytes).trim();
    const length = bytes[at + 16];
    fields.push({ name, type: String.fromCharCode(bytes[at + 11]), offset: fieldOffset, length });
    fieldOffset += length;
  }
  if (headerLength + count * recordLength > bytes.byteLength) throw new TerritoryFileError('corrupt_shapefile', 'the .dbf file is truncated', { file: '.dbf' });
  const decode = textDecoder(bytes.subarray(headerLength, headerLength + count * recordLength), encoding);
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < count; r++) {
    const at = headerLength + r * recordLength;
    const row: Record<string, unknown> = {};
    for (const field of fields) {
      const text = decode(bytes.subarray(at + field.offset, at + field.offset + field.length)).trim();
      row[field.name] = (field.type === 'N' || field.type === 'F') && text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    }
    rows.push(row);
  }
  return rows;
}

function textDecoder(sample: Uint8Array, encoding: string | undefined): (bytes: Uint8Array) => string {
  const label = encoding?.trim().toLowerCase();
  if (label) {
    const named = /^(utf-?8|65001)$/.test(label) ? 'utf-8' : /936|gbk|gb2312|gb18030/.test(label) ? 'gbk' : label;
    try {
      const decoder = new TextDecoder(named);
      return (b) => decoder.decode(b);
    } catch {
      throw new TerritoryFileError('unknown_encoding', `the .cpg file names an unknown encoding "${encoding}"`, { encoding: encoding ?? '' });
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    const utf8 = new TextDecoder('utf-8');
    return (b) => utf8.decode(b);
  } catch {
    const gbk = new TextDecoder('gbk');
    return (b) => gbk.decode(b);
  }
}
