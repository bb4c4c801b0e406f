import type { AreaDto, PostDto } from '@grid/contracts';
import { useMemo } from 'react';
import { useDepartments, useEnglish } from '../../../cases/use-reference-data';
import { useAllAreas, usePostTypes } from './use-people';

/** Words for posts: the post type's label in the current language, and the name of the area or department it sits in. */
export function usePostLabels() {
  const english = useEnglish();
  const types = usePostTypes();
  const areas = useAllAreas();
  const departments = useDepartments();
  return useMemo(() => {
    const typeByCode = new Map((types.data ?? []).map((t) => [t.code, t]));
    const areaById = new Map<string, AreaDto>((areas.data ?? []).map((a) => [a.id, a]));
    return {
      types: types.data ?? [],
      areas: areas.data ?? [],
      typeLabel: (code: string) => {
        const type = typeByCode.get(code);
        return type ? (english ? type.nameEn : type.name) : code;
      },
      unitLabel: (post: Pick<PostDto, 'areaId' | 'departmentId'>) => {
        if (post.departmentId) return departments.name(post.departmentId);
        const area = post.areaId ? areaById.get(post.areaId) : undefined;
        return area ? `${area.name} ${area.code}` : '…';
      },
    };
  }, [types.data, areas.data, departments, english]);
}

/** A date of a post as the console shows it (YYYY-MM-DD in China time). */
export function postDate(iso: string | null): string {
  return iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '';
}
