import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEPARTMENT_ROLES, type Role } from '@grid/contracts';
import { Repository } from 'typeorm';
import { AppError, invalid } from '../../common/app-error';
import { AreaEntity } from '../areas/area.entity';
import { PasswordHasher } from './password-hasher';
import { DepartmentEntity } from '../departments/department.entity';
import { UserEntity } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  areaCode: string | null;
  departmentCode: string | null;
  displayName: string;
  phone: string | null;
}

/** Account administration (the CLI today, an admin screen later). */
@Injectable()
export class UserAdmin {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(input: NewUser): Promise<UserEntity> {
    if (!/^[a-z0-9_.-]{2,64}$/i.test(input.username)) throw invalid('username: 2–64 letters, digits, _ . -', { username: 'invalid' });
    if (input.password.length < 8) throw invalid('password: at least 8 characters (set PASSWORD)', { password: 'too short' });
    const isDepartmentRole = DEPARTMENT_ROLES.includes(input.role);
    if (isDepartmentRole && !input.departmentCode) throw invalid(`a ${input.role} needs --department`, { department: 'required' });
    if (!isDepartmentRole && !input.areaCode) throw invalid(`a ${input.role} needs --area`, { area: 'required' });
    const area = input.areaCode ? await this.areas.findOneBy({ code: input.areaCode }) : null;
    if (input.areaCode && !area) throw invalid(`no area with code ${input.areaCode}`, { area: 'unknown' });
    const department = input.departmentCode ? await this.departments.findOneBy({ code: input.departmentCode }) : null;
    if (input.departmentCode && !department) throw invalid(`no department with code ${input.departmentCode}`, { department: 'unknown' });
    if (await this.users.existsBy({ username: input.username })) throw new AppError('conflict', `username ${input.username} is taken`);
    return this.users.save(
      this.users.create({
        username: input.username,
        passwordHash: await this.hasher.hash(input.password),
        role: input.role,
        areaId: area?.id ?? null,
        departmentId: department?.id ?? null,
        displayName: input.displayName,
        phone: input.phone,
      }),
    );
  }
}
