import type { HypervisorState, RpSlot } from '@asr-twin/domain';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { LinuxHostEntity } from './linux-host.entity.js';

@Entity({ name: 'kvm_hypervisors' })
export class KvmHypervisorEntity {
  @PrimaryColumn({ name: 'router_id', type: 'uuid' })
  routerId!: string;

  @PrimaryColumn({ name: 'host_slot', type: 'text' })
  hostSlot!: RpSlot;

  @OneToOne('LinuxHostEntity', (host: LinuxHostEntity) => host.hypervisor, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'router_id', referencedColumnName: 'routerId' },
    { name: 'host_slot', referencedColumnName: 'slot' },
  ])
  host?: LinuxHostEntity;

  @Column('text')
  state!: HypervisorState;

  @Column('text')
  version!: string;
}
