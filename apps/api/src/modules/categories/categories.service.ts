import { Injectable } from '@nestjs/common';
import type { CategoryDto, DepartmentDto, PublicResponsibilities, ResponsibilityDto } from '@grid/contracts';
import { nextScheduledVersion } from '@grid/domain';
import { DepartmentsService } from '../departments/departments.service';
import { CategoryCatalog, type CategoryAt, type CategoryVersionRecord } from './category-catalog';

/** The responsibility list as it stands now, read from memory (CategoryCatalog). */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly catalog: CategoryCatalog,
    private readonly departments: DepartmentsService,
  ) {}

  list(now = new Date()): CategoryDto[] {
    return this.catalog.all(now).map(toCategoryDto);
  }

  /**
   * The public list (上墙公示): every active category with the unit that handles it and its time limits, and the
   * next scheduled change of those. Sensitive categories are listed too: the list says who handles disputes and
   * petitions and how fast, which residents are entitled to know; no case of theirs is shown anywhere public.
   * Points and extra questions are internal and left out.
   */
  async publicList(now = new Date()): Promise<PublicResponsibilities> {
    const departments = new Map((await this.departments.list()).map((d) => [d.code, d]));
    const at = now.toISOString();
    return {
      at,
      categories: this.catalog.all(now).map((c) => {
        const upcoming = nextScheduledVersion(this.catalog.history(c.code)?.versions ?? [], at);
        return {
          code: c.code,
          parentCode: c.parentCode,
          name: c.state.name,
          nameEn: c.state.nameEn,
          handlingLevel: c.state.handlingLevel,
          department: departmentOf(departments, c.state),
          clock: c.state.clock,
          timeLimits: c.state.timeLimits,
          requiresVerification: c.state.requiresVerification,
          version: c.state.version,
          effectiveFrom: c.state.effectiveFrom,
          upcoming: upcoming && {
            version: upcoming.version,
            effectiveFrom: upcoming.effectiveFrom,
            handlingLevel: upcoming.handlingLevel,
            department: departmentOf(departments, upcoming),
            clock: upcoming.clock,
            timeLimits: upcoming.timeLimits,
          },
        };
      }),
    };
  }
}

/** The department responsible for a category: its handler at level `department`, else its owner behind the territory (先属地、后属主). */
function departmentOf(departments: Map<string, DepartmentDto>, state: Pick<CategoryVersionRecord, 'departmentCode'>): ResponsibilityDto['department'] {
  const d = state.departmentCode ? departments.get(state.departmentCode) : undefined;
  return d ? { code: d.code, name: d.name, nameEn: d.nameEn } : null;
}

export function toCategoryDto(c: CategoryAt): CategoryDto {
  const { id, code, parentCode, sensitive, state } = c;
  const { name, nameEn, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, extraFields, version } = state;
  return { id, code, parentCode, name, nameEn, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, sensitive, extraFields, version };
}
