import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AreaLevel, BoundaryGeometry } from '@grid/contracts';

@Entity('areas')
export class AreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: AreaLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** Ancestor ids from the root down to the parent (empty for the district). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  path!: string[];

  @Column({ type: 'jsonb', nullable: true })
  boundary!: BoundaryGeometry | null;

  @Column({ name: 'centroid_lat', type: 'double precision' })
  centroidLat!: number;

  @Column({ name: 'centroid_lng', type: 'double precision' })
  centroidLng!: number;

  /** Set when an applied territory version no longer has the area; cases routed to it keep pointing here. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Column({ type: 'integer', nullable: true })
  households!: number | null;

  /** Staffing quota (员额). */
  @Column({ name: 'staff_quota', type: 'integer', nullable: true })
  staffQuota!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
