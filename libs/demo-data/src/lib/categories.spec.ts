import { CLOCK_KINDS, PRIORITIES } from '@grid/contracts';
import { defaultCategories } from './categories';
import { defaultDepartments } from './departments';

const parents = defaultCategories.filter((c) => c.parentCode === null);
const leaves = defaultCategories.filter((c) => c.parentCode !== null);
const codes = new Set(defaultCategories.map((c) => c.code));

describe('defaultCategories', () => {
  it('has unique codes', () => {
    expect(codes.size).toBe(defaultCategories.length);
  });

  it('has about nine parents with 3 to 6 leaves each, two levels only', () => {
    expect(parents.length).toBeGreaterThanOrEqual(9);
    for (const parent of parents) {
      const children = leaves.filter((l) => l.parentCode === parent.code);
      expect(children.length).toBeGreaterThanOrEqual(3);
      expect(children.length).toBeLessThanOrEqual(6);
    }
    for (const leaf of leaves) {
      expect(parents.map((p) => p.code)).toContain(leaf.parentCode);
      expect(leaf.code.startsWith(`${leaf.parentCode}.`)).toBe(true);
    }
  });

  it('refers only to existing departments', () => {
    const departments = new Set(defaultDepartments.map((d) => d.code));
    const unknown = defaultCategories.filter((c) => c.departmentCode !== null && !departments.has(c.departmentCode));
    expect(unknown.map((c) => c.code)).toEqual([]);
  });

  it('names a department for every category handled by a department', () => {
    expect(defaultCategories.filter((c) => c.handlingLevel === 'department' && c.departmentCode === null)).toEqual([]);
  });

  it('gives every category names in both languages and sane time limits for every priority', () => {
    for (const c of defaultCategories) {
      expect(c.name).toMatch(/\p{Script=Han}/u);
      expect(c.nameEn).toMatch(/^[A-Z]/);
      expect(CLOCK_KINDS).toContain(c.clock);
      expect(c.points).toBeGreaterThan(0);
      for (const p of PRIORITIES) {
        expect(c.timeLimits[p].acceptHours).toBeGreaterThan(0);
        expect(c.timeLimits[p].acceptHours).toBeLessThan(c.timeLimits[p].handleHours);
      }
      expect(c.timeLimits.urgent.handleHours).toBeLessThanOrEqual(c.timeLimits.normal.handleHours);
      expect(c.timeLimits.emergency.handleHours).toBeLessThanOrEqual(c.timeLimits.urgent.handleHours);
    }
  });

  it.each([
    ['dispute', true, 'working'],
    ['petition', true, 'working'],
    ['special', true, 'working'],
    ['emergency', false, 'calendar'],
    ['city', false, 'working'],
  ])('%s and its leaves: sensitive %s, %s hours', (parent, sensitive, clock) => {
    const family = defaultCategories.filter((c) => c.code === parent || c.parentCode === parent);
    expect(family.length).toBeGreaterThan(1);
    for (const c of family) {
      expect(c.clock).toBe(clock);
      // Leaves may add sensitivity (e.g. mass incidents) but never drop it.
      if (sensitive) expect(c.sensitive).toBe(true);
    }
    expect(family[0].sensitive).toBe(sensitive);
  });

  it('lets a leaf override its parent', () => {
    const byCode = new Map(defaultCategories.map((c) => [c.code, c]));
    expect(byCode.get('city')).toMatchObject({ handlingLevel: 'grid', departmentCode: 'zhzf' });
    expect(byCode.get('city.facility')).toMatchObject({ handlingLevel: 'department', departmentCode: 'zj', clock: 'working' });
    expect(byCode.get('emergency.fire')).toMatchObject({ clock: 'calendar', timeLimits: { emergency: { acceptHours: 0.5, handleHours: 4 } } });
  });
});
