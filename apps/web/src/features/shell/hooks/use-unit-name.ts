import type { AreaDto, DepartmentDto, SessionUser } from '@grid/contracts';
import { currentLanguage } from '../../../i18n';
import { useApiResource } from '../../../api/use-api-resource';
import { REFERENCE } from '../../../cases/use-reference-data';

/** The name of the unit a user serves: their department, else their area (null while unknown). */
export function useUnitName(user: Pick<SessionUser, 'areaId' | 'departmentId'>): string | null {
  const departments = useApiResource<DepartmentDto[]>(user.departmentId ? '/api/departments' : null, REFERENCE);
  const area = useApiResource<AreaDto>(!user.departmentId && user.areaId ? `/api/areas/${user.areaId}` : null);
  if (user.departmentId) {
    const department = departments.state === 'ready' ? departments.data.find((d) => d.id === user.departmentId) : undefined;
    if (!department) return null;
    return currentLanguage() === 'en' ? department.nameEn : department.name;
  }
  return area.state === 'ready' ? area.data.name : null;
}
