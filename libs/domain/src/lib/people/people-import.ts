import { PEOPLE_IMPORT_COLUMNS, type AreaLevel, type ImportProblem, type PeopleImportColumn, type Role } from '@grid/contracts';
import { readImportHeader } from '../shared/import-header';
import { postPlacementProblem } from './post-placement';

/** What the import checks rows against: the territory, the departments, the post types and who exists already. */
export interface PeopleImportReference {
  areas: ReadonlyMap<string, { id: string; level: AreaLevel }>;
  departments: ReadonlyMap<string, string>;
  /** Post types by code and by their Chinese and English labels. */
  postTypes: ReadonlyMap<string, { code: string; role: Role }>;
  /** Taken usernames, lower case. */
  usernames: ReadonlySet<string>;
  /** Phones of existing people (normalised 11 digits) → their username. */
  phones: ReadonlyMap<string, string>;
}

export interface PlannedPost {
  row: number;
  type: string;
  role: Role;
  areaId: string | null;
  departmentId: string | null;
  /** ISO instants; `from` absent means "from the moment it is applied". */
  from: string | null;
  to: string | null;
}

export interface PlannedPerson {
  row: number;
  name: string;
  phone: string;
  username: string;
  /** The first is the primary post. */
  posts: PlannedPost[];
}

export interface PeopleImportPlan {
  people: PlannedPerson[];
  problems: ImportProblem[];
}

/** A mainland mobile number, after removing spaces, dashes and a +86 prefix. */
const MOBILE = /^1[3-9]\d{9}$/;
const USERNAME = /^[a-z0-9_.-]{2,64}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function normalisePhone(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

const looksLikePhone = (value: string) => MOBILE.test(normalisePhone(value));

/** A date cell (YYYY-MM-DD, or YYYY/M/D as spreadsheets write it) as the instant of that day's start in China (UTC+8). */
export function importDate(value: string): string | null {
  const parts = DATE.exec(value.trim().replace(/\//g, '-').replace(/-(\d)(?=-|$)/g, '-0$1'));
  if (!parts) return null;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return new Date(utc.getTime() - 8 * 3_600_000).toISOString();
}

/**
 * Checks a people table (header row first; one row per post, rows with the same phone are one person) and plans the
 * people to create. Every problem names its row (1-based, as a spreadsheet shows it) and column; the plan is only
 * worth applying when there are none.
 */
export function planPeopleImport(table: readonly (readonly string[])[], ref: PeopleImportReference): PeopleImportPlan {
  if (!table.length) return { people: [], problems: [{ row: 1, code: 'empty_file', message: 'the file is empty: expected a header row and one row per post' }] };
  const { columns, problems } = readImportHeader<PeopleImportColumn>(table[0], PEOPLE_IMPORT_COLUMNS);
  if (problems.length) return { people: [], problems };
  const people = new Map<string, Omit<PlannedPerson, 'username'> & { given: string | null }>();
  const usernamesInFile = new Map<string, string>();

  table.slice(1).forEach((cells, index) => {
    const row = index + 2;
    const cell = (key: PeopleImportColumn) => (columns.has(key) ? (cells[columns.get(key) as number] ?? '').trim() : '');
    if (cells.every((c) => !c.trim())) return;
    const problem = (column: PeopleImportColumn, code: string, message: string, params?: ImportProblem['params']) => problems.push({ row, column, code, ...(params ? { params } : {}), message });
    const before = problems.length;

    const name = cell('name');
    const phoneCell = cell('phone');
    const phone = normalisePhone(phoneCell);
    if (!name) problem('name', 'name_empty', 'name is empty');
    else if (looksLikePhone(name)) problem('name', 'name_is_phone', `"${name}" is a phone number: it belongs in the phone column`, { value: name });
    else if (name.length > 64) problem('name', 'name_too_long', 'name is longer than 64 characters');
    if (!phoneCell) problem('phone', 'phone_empty', 'phone is empty');
    else if (!MOBILE.test(phone)) {
      const misplaced = [...columns].find(([key, at]) => key !== 'phone' && looksLikePhone(cells[at] ?? ''));
      if (misplaced) problem('phone', 'phone_in_column', `"${phoneCell}" is not a phone number; the phone number is in column ${misplaced[0]}: put it in the phone column`, { value: phoneCell, column: misplaced[0] });
      else problem('phone', 'phone_malformed', `"${phoneCell}" is not an 11-digit mobile number`, { value: phoneCell });
    } else if (ref.phones.has(phone)) problem('phone', 'phone_exists', `phone ${phone} already belongs to user ${ref.phones.get(phone)}`, { value: phone, username: ref.phones.get(phone) ?? '' });

    const username = cell('username');
    if (username && !USERNAME.test(username)) problem('username', 'username_malformed', `"${username}" is not a username (2–64 letters, digits, _ . -)`, { value: username });
    else if (username && ref.usernames.has(username.toLowerCase())) problem('username', 'username_taken', `duplicate username: ${username} is taken`, { value: username });
    else if (username && usernamesInFile.has(username.toLowerCase()) && usernamesInFile.get(username.toLowerCase()) !== phone) problem('username', 'username_in_file', `duplicate username: ${username} is given to another person in this file`, { value: username });

    const typeCell = cell('role');
    const type = ref.postTypes.get(typeCell) ?? ref.postTypes.get(typeCell.toLowerCase());
    if (!type) if (typeCell) problem('role', 'role_unknown', `unknown role "${typeCell}"`, { value: typeCell });
    else problem('role', 'role_empty', 'role is empty');

    const areaCode = cell('area_code');
    const departmentCode = cell('department_code');
    const area = areaCode ? ref.areas.get(areaCode) : undefined;
    const departmentId = departmentCode ? ref.departments.get(departmentCode) : undefined;
    if (areaCode && departmentCode) problem('area_code', 'unit_both', 'give an area code or a department code, not both');
    else if (areaCode && !area) problem('area_code', 'area_unknown', `unknown area code ${areaCode}`, { value: areaCode });
    else if (departmentCode && !departmentId) problem('department_code', 'department_unknown', `unknown department code ${departmentCode}`, { value: departmentCode });
    else if (!areaCode && !departmentCode) problem('area_code', 'unit_missing', 'an area code or a department code is needed');
    else if (type) {
      const placement = postPlacementProblem(type.role, area ?? 'department');
      if (placement) problem(area ? 'area_code' : 'department_code', 'wrong_unit', placement, { role: type.code });
    }

    const fromCell = cell('from');
    const toCell = cell('to');
    const from = fromCell ? importDate(fromCell) : null;
    const to = toCell ? importDate(toCell) : null;
    if (fromCell && !from) problem('from', 'date_malformed', `"${fromCell}" is not a date (YYYY-MM-DD)`, { value: fromCell });
    if (toCell && !to) problem('to', 'date_malformed', `"${toCell}" is not a date (YYYY-MM-DD)`, { value: toCell });
    if (from && to && to <= from) problem('to', 'ends_before_start', 'the post ends before it starts');

    const person = people.get(phone);
    if (person && name && person.name !== name) problem('name', 'name_differs', `phone ${phone} is ${person.name} in row ${person.row}, not ${name}`, { value: name, given: person.name, row: person.row });
    if (person && username && person.given && person.given !== username) problem('username', 'username_differs', `row ${person.row} gives this person the username ${person.given}`, { value: username, given: person.given, row: person.row });
    if (problems.length > before || !type) return;

    const post: PlannedPost = { row, type: type.code, role: type.role, areaId: area?.id ?? null, departmentId: departmentId ?? null, from, to };
    if (username) usernamesInFile.set(username.toLowerCase(), phone);
    if (person) {
      person.posts.push(post);
      person.given ??= username || null;
    } else people.set(phone, { row, name, phone, given: username || null, posts: [post] });
  });

  const planned = [...people.values()].map(({ given, ...person }): PlannedPerson => ({ ...person, username: given ?? person.phone }));
  // A username made from the phone may be taken (or given to someone else in the file).
  for (const person of planned) {
    const taken = ref.usernames.has(person.username.toLowerCase()) || (usernamesInFile.get(person.username.toLowerCase()) ?? person.phone) !== person.phone;
    if (person.username === person.phone && taken) problems.push({ row: person.row, column: 'username', code: 'username_generated_taken', params: { value: person.username }, message: `the username ${person.username} (made from the phone) is taken: give a username` });
  }
  if (!problems.length && !planned.length) problems.push({ row: 2, code: 'no_people', message: 'no people in the file: one row per post under the header' });
  return { people: problems.length ? [] : planned, problems: problems.sort((a, b) => a.row - b.row) };
}
