import type { AreaDto, CategoryDto, DepartmentDto, Role, UserDto } from '@grid/contracts';
import { USER_LISTING_ROLES } from '@grid/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session-store';
import { useApiResource } from '../api/use-api-resource';
import { isLanguage } from '../i18n';

/** Reference data: fetched once per session, shared, and kept on the device for an offline start. */
export const REFERENCE = { shared: true, persist: true } as const;

export function useEnglish(): boolean {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) && i18n.language === 'en';
}

export interface Categories {
  ready: boolean;
  all: CategoryDto[];
  /** The second level (小类): what a case is filed under. */
  leaves: CategoryDto[];
  byCode: ReadonlyMap<string, CategoryDto>;
  /** "大类 · 小类" in the current language; the code itself while unknown. */
  name: (code: string) => string;
  /** The category's own name, without its parent. */
  shortName: (code: string) => string;
}

export function useCategories(): Categories {
  const resource = useApiResource<CategoryDto[]>('/api/categories', REFERENCE);
  const english = useEnglish();
  const all = resource.state === 'ready' ? resource.data : null;
  return useMemo(() => {
    const list = all ?? [];
    const byCode = new Map(list.map((c) => [c.code, c]));
    const own = (code: string) => {
      const category = byCode.get(code);
      return category ? (english ? category.nameEn : category.name) : code;
    };
    return {
      ready: all !== null,
      all: list,
      leaves: list.filter((c) => c.parentCode !== null),
      byCode,
      shortName: own,
      name: (code) => {
        const parent = byCode.get(code)?.parentCode;
        return parent ? `${own(parent)} · ${own(code)}` : own(code);
      },
    };
  }, [all, english]);
}

export interface Departments {
  list: DepartmentDto[];
  name: (id: string) => string;
}

export function useDepartments(): Departments {
  const resource = useApiResource<DepartmentDto[]>('/api/departments', REFERENCE);
  const english = useEnglish();
  const data = resource.state === 'ready' ? resource.data : null;
  return useMemo(() => {
    const list = data ?? [];
    const byId = new Map(list.map((d) => [d.id, d]));
    return {
      list,
      name: (id) => {
        const department = byId.get(id);
        return department ? (english ? department.nameEn : department.name) : '…';
      },
    };
  }, [data, english]);
}

export interface Areas {
  ready: boolean;
  list: AreaDto[];
  byId: ReadonlyMap<string, AreaDto>;
  name: (id: string | null | undefined) => string;
}

/** The areas in the user's scope (names as stored). */
export function useAreas(): Areas {
  const resource = useApiResource<AreaDto[]>('/api/areas', REFERENCE);
  const data = resource.state === 'ready' ? resource.data : null;
  return useMemo(() => {
    const list = data ?? [];
    const byId = new Map(list.map((a) => [a.id, a]));
    return { ready: data !== null, list, byId, name: (id) => (id ? (byId.get(id)?.name ?? '…') : '') };
  }, [data]);
}

/** Users in the caller's scope, for pickers and names (leaders only: others get an empty list). */
export function useUsers(query: { areaId?: string; role?: Role; departmentId?: string } = {}): { ready: boolean; list: UserDto[] } {
  const session = useSession();
  const allowed = session ? USER_LISTING_ROLES.includes(session.user.role) : false;
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const path = allowed ? `/api/users${params.size ? `?${params}` : ''}` : null;
  const resource = useApiResource<UserDto[]>(path, REFERENCE);
  return useMemo(() => ({ ready: resource.state === 'ready' || !allowed, list: resource.state === 'ready' ? resource.data : [] }), [resource, allowed]);
}

/** A person's display name from the scope's users; null when unknown (a non-leader cannot list users). */
export function useUserName(): (id: string | null) => string | null {
  const users = useUsers();
  const session = useSession();
  return useMemo(() => {
    const byId = new Map(users.list.map((u) => [u.id, u.displayName]));
    if (session) byId.set(session.user.id, session.user.displayName);
    return (id) => (id ? (byId.get(id) ?? null) : null);
  }, [users.list, session]);
}
