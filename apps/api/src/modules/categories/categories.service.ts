import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CategoryDto } from '@grid/contracts';
import { Repository } from 'typeorm';
import { CategoryEntity } from './category.entity';

@Injectable()
export class CategoriesService {
  constructor(@InjectRepository(CategoryEntity) private readonly categories: Repository<CategoryEntity>) {}

  async list(): Promise<CategoryDto[]> {
    const rows = await this.categories.find({ where: { active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    return rows.map(toCategoryDto);
  }
}

export function toCategoryDto(c: CategoryEntity): CategoryDto {
  const { id, code, parentCode, name, nameEn, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, sensitive, extraFields } = c;
  return { id, code, parentCode, name, nameEn, handlingLevel, departmentCode, clock, timeLimits, requiresVerification, points, sensitive, extraFields };
}
