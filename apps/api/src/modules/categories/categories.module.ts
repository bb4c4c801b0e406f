import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '../departments/departments.module';
import { AdminCategoriesController, CategoriesController, PublicResponsibilitiesController } from './categories.controller';
import { CategoriesService } from './categories.service';
import { CategoryCatalog } from './category-catalog';
import { CategoryEntity } from './category.entity';
import { CategoryListEditor } from './category-list-editor.service';

@Module({
  imports: [TypeOrmModule.forFeature([CategoryEntity]), DepartmentsModule],
  controllers: [CategoriesController, AdminCategoriesController, PublicResponsibilitiesController],
  providers: [CategoriesService, CategoryCatalog, CategoryListEditor],
  exports: [CategoriesService, CategoryCatalog, CategoryListEditor],
})
export class CategoriesModule {}
