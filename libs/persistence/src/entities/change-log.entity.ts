import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ChangeEntity = 'fleet' | 'router' | 'host' | 'hypervisor' | 'instance' | 'esp';
export type ChangeAction = 'created' | 'updated' | 'deleted';

/** Append-only: a database trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'change_log' })
export class ChangeLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'fleet_id', type: 'uuid', nullable: true })
  fleetId!: string | null;

  @Column({ name: 'router_id', type: 'uuid', nullable: true })
  routerId!: string | null;

  @Column({ type: 'text', nullable: true })
  hostname!: string | null;

  @Column('text')
  entity!: ChangeEntity;

  @Column({ name: 'entity_key', type: 'text' })
  entityKey!: string;

  @Column('text')
  action!: ChangeAction;

  @Column('text')
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;
}
