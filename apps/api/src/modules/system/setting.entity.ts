import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Installation-wide settings kept as data (level labels, territory name…). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
