import { defaultCategories, defaultDepartments } from '@grid/demo-data';
import { EntityManager } from 'typeorm';
import { CategoryEntity } from '../categories/category.entity';
import { writeFirstVersions } from '../categories/category-version.store';
import { DepartmentEntity } from '../departments/department.entity';

/**
 * The sensible defaults every installation starts with (DESIGN §2): the common departments and the
 * responsibility list. Only written into empty tables; admins edit them afterwards.
 */
export async function seedReferenceData(manager: EntityManager): Promise<{ departments: number; categories: number }> {
  let departments = 0;
  let categories = 0;
  if ((await manager.count(DepartmentEntity)) === 0) {
    await manager.insert(DepartmentEntity, defaultDepartments.map(({ code, name, nameEn }) => ({ code, name, nameEn })));
    departments = defaultDepartments.length;
  }
  if ((await manager.count(CategoryEntity)) === 0) {
    // Parents before leaves: leaves reference their parent's code.
    const ordered = [...defaultCategories].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
    await manager.insert(CategoryEntity, ordered.map((c, i) => ({ ...c, sortOrder: i })));
    await writeFirstVersions(manager, ordered.map((c) => c.code), { id: null, username: 'system' }, 'the default list (first start)');
    categories = ordered.length;
  }
  return { departments, categories };
}
