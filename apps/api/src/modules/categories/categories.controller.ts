import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { categoryDtoSchema, categoryVersionDtoSchema, createCategorySchema, publicResponsibilitiesSchema, updateCategorySchema, type CategoryDto, type CategoryVersionDto, type PublicResponsibilities } from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { PublicThrottlerGuard } from '../auth/public-throttler.guard';
import { CategoriesService } from './categories.service';
import { CategoryListEditor } from './category-list-editor.service';

const CATEGORY_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;

@ApiTags('categories')
@ApiBearerAuth()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiOperation({ summary: 'Case categories: the responsibility list (two levels, parents first), each in the version in effect now' })
  @ApiContract({ response: z.array(categoryDtoSchema) })
  list(): CategoryDto[] {
    return this.categories.list();
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/categories')
export class AdminCategoriesController {
  constructor(private readonly editor: CategoryListEditor) {}

  @Put(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'A new version of a category (limits, level, department, verification, points, questions, names) with a reason, now or from a later date; old cases keep theirs' })
  @ApiContract({ body: updateCategorySchema, response: categoryVersionDtoSchema })
  update(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodValidationPipe(updateCategorySchema)) body: z.output<typeof updateCategorySchema>): Promise<CategoryVersionDto> {
    return this.editor.update(user, checkedCode(code), body);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'A new category of the list (its version 1)' })
  @ApiContract({ body: createCategorySchema, response: categoryVersionDtoSchema, status: 201 })
  create(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createCategorySchema)) body: z.output<typeof createCategorySchema>): Promise<CategoryVersionDto> {
    return this.editor.create(user, body);
  }

  @Get(':code/versions')
  @Roles('admin')
  @ApiOperation({ summary: 'Every version of a category, newest first: its state, when it took (or takes) effect, who made it and why' })
  @ApiContract({ response: z.array(categoryVersionDtoSchema) })
  versions(@Param('code') code: string): CategoryVersionDto[] {
    return this.editor.history(checkedCode(code));
  }
}

@ApiTags('public')
@Controller('public/responsibilities')
export class PublicResponsibilitiesController {
  constructor(private readonly categories: CategoriesService) {}

  @Public()
  @Get()
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: 'The public responsibility list (上墙公示), no sign-in: every category with its handling unit and time limits, in zh-CN and English' })
  @ApiContract({ response: publicResponsibilitiesSchema })
  list(): Promise<PublicResponsibilities> {
    return this.categories.publicList();
  }
}

/** A code that cannot be a category's answers 404 like an unknown one, without a query. */
function checkedCode(code: string): string {
  return CATEGORY_CODE.test(code) && code.length <= 64 ? code : '.';
}
