import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CategoryDto, CategoryExtraField, CategoryKind, ClockKind } from '@grid/contracts';

/** A row of the responsibility list (权责清单): data an admin edits, not code. */
@Entity('categories')
export class CategoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 64, nullable: true })
  parentCode!: string | null;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 128 })
  nameEn!: string;

  @Column({ name: 'handling_level', type: 'varchar', length: 16 })
  handlingLevel!: CategoryDto['handlingLevel'];

  @Column({ name: 'department_code', type: 'varchar', length: 32, nullable: true })
  departmentCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  clock!: ClockKind;

  @Column({ name: 'time_limits', type: 'jsonb' })
  timeLimits!: CategoryDto['timeLimits'];

  @Column({ name: 'requires_verification', type: 'boolean', default: true })
  requiresVerification!: boolean;

  @Column({ type: 'integer', default: 0 })
  points!: number;

  @Column({ type: 'boolean', default: false })
  sensitive!: boolean;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** 事件 (territory first) or 部件 (owner first); null: the domain's default for the handling level. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  kind!: CategoryKind | null;

  @Column({ name: 'auto_register', type: 'boolean', nullable: true })
  autoRegister!: boolean | null;

  @Column({ name: 'auto_dispatch', type: 'boolean', nullable: true })
  autoDispatch!: boolean | null;

  @Column({ name: 'auto_escalate_on_overdue', type: 'boolean', nullable: true })
  autoEscalateOnOverdue!: boolean | null;

  /** The version of the list's entry this row holds: the one in effect (`category_versions`, ADR 0011). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Fields a report of this category asks for beyond the common ones (Open311 attributes). */
  @Column({ name: 'extra_fields', type: 'jsonb', default: () => "'[]'" })
  extraFields!: CategoryExtraField[];
}
