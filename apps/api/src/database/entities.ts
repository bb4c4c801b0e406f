import { AreaEntity } from '../modules/areas/area.entity';
import { CaseEntity } from '../modules/cases/case.entity';
import { CategoryEntity } from '../modules/categories/category.entity';
import { DepartmentEntity } from '../modules/departments/department.entity';
import { SettingEntity } from '../modules/system/setting.entity';
import { UserEntity } from '../modules/users/user.entity';

/** Every entity, listed explicitly so the bundled app does not depend on file globs. */
export const ENTITIES = [AreaEntity, DepartmentEntity, CategoryEntity, UserEntity, SettingEntity, CaseEntity];
