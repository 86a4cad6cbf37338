import { ApiKeyEntity } from './api-key.entity.js';
import { ChangeLogEntity } from './change-log.entity.js';
import { EspEntity } from './esp.entity.js';
import { FleetEntity } from './fleet.entity.js';
import { IosInstanceEntity } from './ios-instance.entity.js';
import { KvmHypervisorEntity } from './kvm-hypervisor.entity.js';
import { LinuxHostEntity } from './linux-host.entity.js';
import { RouterEntity } from './router.entity.js';

export { ApiKeyEntity, ChangeLogEntity, EspEntity, FleetEntity, IosInstanceEntity, KvmHypervisorEntity, LinuxHostEntity, RouterEntity };

export const ENTITIES = [FleetEntity, RouterEntity, LinuxHostEntity, KvmHypervisorEntity, IosInstanceEntity, EspEntity, ChangeLogEntity, ApiKeyEntity];
