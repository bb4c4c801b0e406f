import type { AreaLevel, CategoryDto, DepartmentDto, LevelLabels, Role } from '@grid/contracts';
import type { LatLng, Polygon } from '@grid/geo';

/** An area to create: the API turns codes into ids and parent codes into parentId and path. */
export interface AreaSeed {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  /** [lng, lat], closed, counterclockwise, 6 decimals; neighbours share edges exactly. */
  boundary: Polygon;
  centroid: LatLng;
}

export type DepartmentSeed = Omit<DepartmentDto, 'id'>;

export type CategorySeed = Omit<CategoryDto, 'id' | 'version'>;

export interface UserSeed {
  username: string;
  displayName: string;
  role: Role;
  areaCode: string | null;
  departmentCode: string | null;
  phone: string;
}

export interface Territory {
  district: AreaSeed;
  zones: AreaSeed[];
  villages: AreaSeed[];
  grids: AreaSeed[];
  departments: DepartmentSeed[];
  users: UserSeed[];
  levelLabels: LevelLabels;
}
