import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '../areas/areas.module';
import { AreaEntity } from '../areas/area.entity';
import { DepartmentEntity } from '../departments/department.entity';
import { PasswordHasher } from './password-hasher';
import { UserAdmin } from './user-admin.service';
import { UserPosts } from './user-posts';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AreaEntity, DepartmentEntity]), AreasModule],
  controllers: [UsersController],
  providers: [UsersService, UserAdmin, PasswordHasher, UserPosts],
  exports: [UsersService, UserAdmin, PasswordHasher, UserPosts],
})
export class UsersModule {}
