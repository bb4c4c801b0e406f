import { categoryDtoSchema } from '@grid/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CategoryDto } from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { CategoriesService } from './categories.service';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiOperation({ summary: 'Case categories: the responsibility list (two levels, parents first)' })
  @ApiContract({ response: z.array(categoryDtoSchema) })
  list(): Promise<CategoryDto[]> {
    return this.categories.list();
  }
}
