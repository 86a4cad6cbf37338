import type { DomainState, InstanceName, RfStateCode, RpSlot } from '@asr-twin/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RouterEntity } from './router.entity.js';

@Entity({ name: 'ios_instances' })
export class IosInstanceEntity {
  @PrimaryColumn({ name: 'router_id', type: 'uuid' })
  routerId!: string;

  @PrimaryColumn('text')
  name!: InstanceName;

  @ManyToOne('RouterEntity', (router: RouterEntity) => router.instances, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'router_id' })
  router?: RouterEntity;

  @Column({ name: 'host_slot', type: 'text' })
  hostSlot!: RpSlot;

  @Column('text')
  unit!: 'primary' | 'secondary';

  @Column({ name: 'rf_state', type: 'smallint' })
  rfState!: RfStateCode;

  @Column({ name: 'domain_state', type: 'text' })
  domainState!: DomainState;

  @Column({ name: 'software_version', type: 'text' })
  softwareVersion!: string;

  @Column({ name: 'config_version', type: 'integer' })
  configVersion!: number;

  /** When the instance entered its current RF state. */
  @Column({ name: 'state_since', type: 'timestamptz' })
  stateSince!: Date;
}
