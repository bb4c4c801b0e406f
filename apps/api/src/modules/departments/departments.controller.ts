import { departmentDtoSchema } from '@grid/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DepartmentDto } from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { DepartmentsService } from './departments.service';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Departments that can be summoned (吹哨报到)' })
  @ApiContract({ response: z.array(departmentDtoSchema) })
  list(): Promise<DepartmentDto[]> {
    return this.departments.list();
  }
}
