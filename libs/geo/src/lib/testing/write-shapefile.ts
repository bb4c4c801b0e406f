import type { Position } from '../geometry';

/**
 * A minimal ESRI Shapefile writer (Polygon type; character fields only) so tests can build
 * .shp/.shx/.dbf files without a GIS package. Rings are written as given: outer rings clockwise.
 */
export function writeShapefile(shapes: Position[][][], rows: Record<string, string>[], encode: (s: string) => Uint8Array = (s) => new TextEncoder().encode(s)): { shp: Uint8Array; dbf: Uint8Array } {
  const records = shapes.map((rings) => {
    const points = rings.flat();
    const length = 44 + rings.length * 4 + points.length * 16;
    const buf = new DataView(new ArrayBuffer(8 + length));
    buf.setInt32(4, length / 2, false);
    buf.setInt32(8, 5, true);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => buf.setFloat64(12 + i * 8, v, true));
    buf.setInt32(44, rings.length, true);
    buf.setInt32(48, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      buf.setInt32(52 + i * 4, start, true);
      start += ring.length;
    });
    points.forEach((p, i) => {
      buf.setFloat64(52 + rings.length * 4 + i * 16, p[0], true);
      buf.setFloat64(60 + rings.length * 4 + i * 16, p[1], true);
    });
    return new Uint8Array(buf.buffer);
  });
  const total = 100 + records.reduce((s, r) => s + r.length, 0);
  const shp = new Uint8Array(total);
  const header = new DataView(shp.buffer);
  header.setInt32(0, 9994, false);
  header.setInt32(24, total / 2, false);
  header.setInt32(28, 1000, true);
  header.setInt32(32, 5, true);
  let at = 100;
  records.forEach((r, i) => {
    new DataView(r.buffer).setInt32(0, i + 1, false);
    shp.set(r, at);
    at += r.length;
  });

  const names = Object.keys(rows[0] ?? {});
  const width = 50;
  const headerLength = 32 + names.length * 32 + 1;
  const recordLength = 1 + names.length * width;
  const dbf = new Uint8Array(headerLength + rows.length * recordLength + 1).fill(0x20, headerLength);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 3;
  dv.setUint32(4, rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  names.forEach((name, i) => {
    dbf.set(new TextEncoder().encode(name.slice(0, 10)), 32 + i * 32);
    dbf[32 + i * 32 + 11] = 'C'.charCodeAt(0);
    dbf[32 + i * 32 + 16] = width;
  });
  dbf.fill(0, 32 + names.length * 32, headerLength - 1);
  dbf[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    names.forEach((name, i) => dbf.set(encode(row[name]).subarray(0, width), headerLength + r * recordLength + 1 + i * width));
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp, dbf };
}
