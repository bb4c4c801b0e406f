import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseSource, CaseStatus, Priority, SlaState } from '@grid/contracts';
import type { CaseState } from '@grid/domain';

/** The case row: a projection of its events (`state`), with the fields lists and maps query denormalised. */
@Entity('cases')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ name: 'tracking_token', type: 'varchar', length: 32 })
  trackingToken!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: CaseSource;

  @Column({ name: 'category_code', type: 'varchar', length: 64 })
  categoryCode!: string;

  /** The version of the category the case was routed under: its limits and points, whatever the list says later. */
  @Column({ name: 'category_version', type: 'integer' })
  categoryVersion!: number;

  @Column({ type: 'varchar', length: 16 })
  priority!: Priority;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'double precision' })
  lat!: number;

  @Column({ type: 'double precision' })
  lng!: number;

  @Column({ type: 'varchar', length: 256, nullable: true })
  address!: string | null;

  @Column({ name: 'grid_id', type: 'uuid' })
  gridId!: string;

  @Column({ name: 'area_path', type: 'uuid', array: true })
  areaPath!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ name: 'handling_area_id', type: 'uuid', nullable: true })
  handlingAreaId!: string | null;

  @Column({ name: 'handling_department_id', type: 'uuid', nullable: true })
  handlingDepartmentId!: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'reporter_id', type: 'uuid', nullable: true })
  reporterId!: string | null;

  @Column({ name: 'reporter_name', type: 'varchar', length: 64, nullable: true })
  reporterName!: string | null;

  @Column({ name: 'reporter_phone', type: 'varchar', length: 20, nullable: true })
  reporterPhone!: string | null;

  @Column({ name: 'department_ids', type: 'uuid', array: true })
  departmentIds!: string[];

  @Column({ name: 'accept_due_at', type: 'timestamptz', nullable: true })
  acceptDueAt!: Date | null;

  @Column({ name: 'handle_due_at', type: 'timestamptz', nullable: true })
  handleDueAt!: Date | null;

  @Column({ name: 'sla_state', type: 'varchar', length: 16 })
  slaState!: SlaState;

  @Column({ type: 'boolean' })
  suspended!: boolean;

  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto!: string | null;

  @Column({ type: 'jsonb' })
  state!: CaseState;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** When the SLA sweeper must next look at the case (null: no threshold pending). */
  @Column({ name: 'next_sla_check_at', type: 'timestamptz', nullable: true })
  nextSlaCheckAt!: Date | null;
}
