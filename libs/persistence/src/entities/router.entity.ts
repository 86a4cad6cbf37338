import type { ChassisModel, PsuStatus, RedundancyMode, RouterHardware, RouterHealth } from '@asr-twin/domain';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EspEntity } from './esp.entity.js';
import type { FleetEntity } from './fleet.entity.js';
import type { IosInstanceEntity } from './ios-instance.entity.js';
import type { LinuxHostEntity } from './linux-host.entity.js';

@Entity({ name: 'routers' })
export class RouterEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'fleet_id', type: 'uuid' })
  fleetId!: string;

  @ManyToOne('FleetEntity', (fleet: FleetEntity) => fleet.routers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fleet_id' })
  fleet?: FleetEntity;

  @Column('text')
  hostname!: string;

  @Column('text')
  model!: ChassisModel;

  @Column('text')
  serial!: string;

  @Column({ name: 'software_version', type: 'text' })
  softwareVersion!: string;

  @Column({ name: 'redundancy_mode', type: 'text' })
  redundancyMode!: RedundancyMode;

  @Column('text')
  health!: RouterHealth;

  @Column('jsonb')
  labels!: Record<string, string>;

  @Column({ name: 'state_version', type: 'integer' })
  stateVersion!: number;

  @Column({ type: 'integer' })
  switchovers!: number;

  @Column({ name: 'standby_failures', type: 'integer' })
  standbyFailures!: number;

  @Column({ name: 'last_switchover_reason', type: 'text' })
  lastSwitchoverReason!: string;

  /** NULL: the operating mode is the one derived from the configured mode (non-redundant in simplex). */
  @Column({ name: 'operating_mode', type: 'text', nullable: true })
  operatingMode!: RedundancyMode | null;

  /** RP/ESP PIDs, ESPs and supplies installed (domain §8.10, §8.11); NULL: the model's default for its release. */
  @Column({ type: 'jsonb', nullable: true })
  hardware!: RouterHardware | null;

  /** Power-supply bays and their states (domain §8.9); NULL: every bay ok. */
  @Column({ type: 'jsonb', nullable: true })
  psus!: PsuStatus[] | null;

  /** Origin of the system uptime. */
  @Column({ name: 'booted_at', type: 'timestamptz' })
  bootedAt!: Date;

  /** When real device output of the router was last posted (its `observedAt`); NULL: never observed. */
  @Column({ name: 'observed_at', type: 'timestamptz', nullable: true })
  observedAt!: Date | null;

  /** The commands of that last observation, e.g. `show redundancy, show version`; NULL: never observed. */
  @Column({ name: 'observed_command', type: 'text', nullable: true })
  observedCommand!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany('LinuxHostEntity', (host: LinuxHostEntity) => host.router)
  hosts?: LinuxHostEntity[];

  @OneToMany('IosInstanceEntity', (instance: IosInstanceEntity) => instance.router)
  instances?: IosInstanceEntity[];

  @OneToMany('EspEntity', (esp: EspEntity) => esp.router)
  esps?: EspEntity[];
}
