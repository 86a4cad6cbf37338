import type { EspSlot, EspState } from '@asr-twin/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RouterEntity } from './router.entity.js';

@Entity({ name: 'esps' })
export class EspEntity {
  @PrimaryColumn({ name: 'router_id', type: 'uuid' })
  routerId!: string;

  @PrimaryColumn('text')
  slot!: EspSlot;

  @ManyToOne('RouterEntity', (router: RouterEntity) => router.esps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'router_id' })
  router?: RouterEntity;

  @Column('text')
  state!: EspState;

  @Column('text')
  role!: 'active' | 'standby';

  @Column('boolean')
  forwarding!: boolean;
}
