import { DEVICE_IMPORT_COLUMNS, type DeviceImportColumn, type ImportProblem } from '@grid/contracts';
import { readImportHeader } from '../shared/import-header';

/** What a device registry is checked against. */
export interface DeviceImportReference {
  /** Kind codes, and the rules' Chinese and English names (lower case) → kind code. */
  kinds: ReadonlyMap<string, string>;
  departments: ReadonlySet<string>;
  /** Codes of live (not retired) devices. */
  codes: ReadonlySet<string>;
  /** The grid a point lies in, or null outside the territory. */
  locate: (point: { lat: number; lng: number }) => string | null;
}

export interface PlannedDevice {
  row: number;
  code: string;
  kind: string;
  name: string | null;
  lat: number;
  lng: number;
  departmentCode: string | null;
  address: string | null;
  gridId: string;
}

const CODE = /^[\w.:/-]{1,64}$/;

/** A coordinate cell: a decimal number within the range, or null. */
function coordinate(text: string, limit: number): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : null;
}

/**
 * Checks a device registry (header row first, one device a row) and plans the devices to register. Every problem names
 * its row (1-based, as the spreadsheet shows it) and column; the plan is empty unless there are none, so that a file is
 * registered whole or not at all.
 */
export function planDeviceImport(table: readonly (readonly string[])[], ref: DeviceImportReference): { devices: PlannedDevice[]; problems: ImportProblem[] } {
  if (!table.length) return { devices: [], problems: [{ row: 1, code: 'empty_file', message: 'the file is empty: expected a header row and one row per device' }] };
  const { columns, problems } = readImportHeader<DeviceImportColumn>(table[0], DEVICE_IMPORT_COLUMNS);
  if (problems.length) return { devices: [], problems };
  const devices: PlannedDevice[] = [];
  const inFile = new Map<string, number>();

  table.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => !c.trim())) return;
    const cell = (key: DeviceImportColumn) => (columns.has(key) ? (cells[columns.get(key) as number] ?? '').trim() : '');
    const before = problems.length;
    const problem = (column: DeviceImportColumn, code: string, message: string, params?: ImportProblem['params']) => problems.push({ row, column, code, ...(params ? { params } : {}), message });

    const code = cell('code');
    if (!code) problem('code', 'code_empty', 'the device code is empty');
    else if (!CODE.test(code)) problem('code', 'code_malformed', `"${code}" is not a device code (letters, digits and . _ : / -, at most 64)`, { value: code });
    else if (ref.codes.has(code)) problem('code', 'code_taken', `device ${code} is registered already`, { value: code });
    else if (inFile.has(code)) problem('code', 'code_in_file', `device ${code} is also in row ${inFile.get(code)}`, { value: code, row: inFile.get(code) as number });

    const kindCell = cell('kind');
    const kind = ref.kinds.get(kindCell) ?? ref.kinds.get(kindCell.toLowerCase());
    if (!kindCell) problem('kind', 'kind_empty', 'the device kind is empty');
    else if (!kind) problem('kind', 'kind_unknown', `unknown device kind "${kindCell}" (no sensor rule has it)`, { value: kindCell });

    const lat = coordinate(cell('lat'), 90);
    const lng = coordinate(cell('lng'), 180);
    if (lat === null) problem('lat', 'coordinate_malformed', `"${cell('lat')}" is not a latitude (decimal degrees)`, { value: cell('lat') });
    if (lng === null) problem('lng', 'coordinate_malformed', `"${cell('lng')}" is not a longitude (decimal degrees)`, { value: cell('lng') });
    const gridId = lat !== null && lng !== null ? ref.locate({ lat, lng }) : null;
    if (lat !== null && lng !== null && !gridId) problem('lat', 'outside_territory', `${lat}, ${lng} lies outside every grid of the territory`, { value: `${lat}, ${lng}` });

    const departmentCode = cell('department_code');
    if (departmentCode && !ref.departments.has(departmentCode)) problem('department_code', 'department_unknown', `unknown department code ${departmentCode}`, { value: departmentCode });
    const name = cell('name');
    const address = cell('address');
    if (name.length > 128) problem('name', 'too_long', 'the name is longer than 128 characters', { max: 128 });
    if (address.length > 256) problem('address', 'too_long', 'the address is longer than 256 characters', { max: 256 });

    if (code && !inFile.has(code)) inFile.set(code, row);
    if (problems.length > before || !kind || lat === null || lng === null || !gridId) return;
    devices.push({ row, code, kind, name: name || null, lat, lng, departmentCode: departmentCode || null, address: address || null, gridId });
  });

  if (!problems.length && !devices.length) problems.push({ row: 2, code: 'no_devices', message: 'no devices in the file: one row per device under the header' });
  return { devices: problems.length ? [] : devices, problems: problems.sort((a, b) => a.row - b.row) };
}
