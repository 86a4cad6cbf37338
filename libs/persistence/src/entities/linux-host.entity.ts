import type { HostState, RpSlot } from '@asr-twin/domain';
import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { KvmHypervisorEntity } from './kvm-hypervisor.entity.js';
import type { RouterEntity } from './router.entity.js';

@Entity({ name: 'linux_hosts' })
export class LinuxHostEntity {
  @PrimaryColumn({ name: 'router_id', type: 'uuid' })
  routerId!: string;

  @PrimaryColumn('text')
  slot!: RpSlot;

  @ManyToOne('RouterEntity', (router: RouterEntity) => router.hosts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'router_id' })
  router?: RouterEntity;

  @Column('text')
  state!: HostState;

  @Column({ name: 'kernel_version', type: 'text' })
  kernelVersion!: string;

  @Column({ name: 'cpu_cores', type: 'smallint' })
  cpuCores!: number;

  @Column({ name: 'memory_mb', type: 'integer' })
  memoryMb!: number;

  @OneToOne('KvmHypervisorEntity', (hv: KvmHypervisorEntity) => hv.host)
  hypervisor?: KvmHypervisorEntity;
}
