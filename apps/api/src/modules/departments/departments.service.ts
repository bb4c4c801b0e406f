import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DepartmentDto } from '@grid/contracts';
import { Repository } from 'typeorm';
import { DepartmentEntity } from './department.entity';

@Injectable()
export class DepartmentsService {
  constructor(@InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>) {}

  async list(): Promise<DepartmentDto[]> {
    const rows = await this.departments.find({ order: { code: 'ASC' } });
    return rows.map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn }));
  }
}
