import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { LabelInput } from '../../graphql/models/common.model.js';
import { FreshnessEnum, Health } from '../../graphql/models/enums.js';
import { Paginated } from '../../graphql/models/page.model.js';
import { DateTimeScalar, JsonScalar } from '../../graphql/models/scalars.js';

@ObjectType({ description: 'RF state with the exact IOS-XE number and name (8 STANDBY HOT, 13 ACTIVE, …)' })
export class RfState {
  @Field(() => Int)
  code!: number;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'An IOS instance (IOSd in a KVM guest)' })
export class IosInstance {
  @Field(() => String, { description: 'R0/0, R0/1 (single RP) or R1/0 (dual RP)' })
  name!: string;

  @Field(() => String, { description: 'active, standby or down, read from the RF state' })
  role!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => RfState)
  rfState!: RfState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the instance entered its RF state' })
  stateSince!: string | null;

  @Field(() => String, { description: 'libvirt domain state (RUNNING, SHUTOFF, CRASHED, …)' })
  domainState!: string;

  @Field(() => String)
  softwareVersion!: string;

  @Field(() => Int)
  configVersion!: number;
}

@ObjectType({ description: 'The KVM hypervisor of an RP host' })
export class Hypervisor {
  @Field(() => String)
  kind!: string;

  @Field(() => String)
  state!: string;

  @Field(() => String)
  version!: string;

  @Field(() => [IosInstance])
  guests!: IosInstance[];
}

@ObjectType({ description: 'The Linux host of a route processor' })
export class LinuxHost {
  @Field(() => String)
  state!: string;

  @Field(() => String)
  kernelVersion!: string;

  @Field(() => Int)
  cpuCores!: number;

  @Field(() => Int)
  memoryMb!: number;

  @Field(() => Hypervisor)
  hypervisor!: Hypervisor;
}

@ObjectType()
export class RouteProcessor {
  @Field(() => String, { description: 'R0 or R1' })
  slot!: string;

  @Field(() => String)
  pid!: string;

  @Field(() => LinuxHost)
  host!: LinuxHost;
}

@ObjectType({ description: 'An embedded services processor (forwarding engine)' })
export class Esp {
  @Field(() => String, { description: 'F0 or F1' })
  slot!: string;

  @Field(() => String)
  pid!: string;

  @Field(() => String)
  state!: string;

  @Field(() => String)
  role!: string;

  @Field(() => Boolean, { description: 'Packet-ready' })
  forwarding!: boolean;
}

@ObjectType({ description: 'RP/ESP generation and population' })
export class Hardware {
  @Field(() => String, { description: 'RP product id, e.g. ASR1000-RP2' })
  rp!: string;

  @Field(() => String, { description: 'ESP product id, e.g. ASR1000-ESP20' })
  esp!: string;

  @Field(() => Int, { description: 'RPs installed (1 in a dual-RP chassis makes it simplex)' })
  rps!: number;

  @Field(() => Int, { description: 'ESPs installed' })
  esps!: number;

  @Field(() => Int, { description: 'Power supplies installed' })
  psus!: number;

  @Field(() => Boolean, { description: "false: the model's default for its release" })
  declared!: boolean;
}

@ObjectType({ description: 'A power-supply bay' })
export class PowerSupply {
  @Field(() => String, { description: 'P0 or P1' })
  slot!: string;

  @Field(() => String, { description: 'ok, failed (show platform: ps, fail) or empty' })
  state!: string;
}

@ObjectType({ description: 'The anatomy of a chassis model' })
export class Chassis {
  @Field(() => String)
  model!: string;

  @Field(() => Float)
  rackUnits!: number;

  @Field(() => String)
  redundancyType!: string;

  @Field(() => Int)
  rpSlots!: number;

  @Field(() => Int)
  espSlots!: number;

  @Field(() => Int)
  sipSlots!: number;

  @Field(() => Boolean)
  integrated!: boolean;

  @Field(() => String, { nullable: true })
  notes!: string | null;
}

@ObjectType({ description: '`redundancy force-switchover` now: accepted (Manual Swact = enabled), or why IOS refuses it' })
export class ManualSwitchover {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: "IOS's reason, e.g. Manual Swact = disabled (peer unit not yet in terminal standby state)" })
  reason!: string | null;
}

@ObjectType({ description: '`show redundancy` facts beyond the RF states' })
export class Redundancy {
  @Field(() => String, { nullable: true, description: 'null: as configured (non-redundant in simplex)' })
  operatingMode!: string | null;

  @Field(() => Int)
  switchovers!: number;

  @Field(() => Int)
  standbyFailures!: number;

  @Field(() => String)
  lastSwitchoverReason!: string;

  @Field(() => DateTimeScalar)
  bootedAt!: string;

  @Field(() => ManualSwitchover)
  manualSwitchover!: ManualSwitchover;
}

/**
 * A router. The scalar fields come with every list row; `fleet`, `labels`, the tree (`chassis`, `redundancy`,
 * `routeProcessors`, `esps`, `stateVersion`), `changes` and `show` are resolved by the router resolvers, the
 * tree and the fleet through per-request batch loaders.
 */
@ObjectType()
export class Router {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  hostname!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  serial!: string;

  @Field(() => String)
  softwareVersion!: string;

  @Field(() => String, { description: 'Configured mode: sso, rpr or none' })
  redundancyMode!: string;

  @Field(() => Health)
  health!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When real device output of the router was last observed; null: never' })
  observedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'The commands of that observation (show redundancy, show version); null: never observed' })
  observedCommand!: string | null;
}

@ObjectType()
export class RouterPage extends Paginated(Router) {}

@InputType({ description: 'Every given condition must hold' })
export class RouterFilter {
  @Field(() => String, { nullable: true, description: 'Fleet id or name' })
  fleet?: string | null;

  @Field(() => [String], { nullable: true })
  models?: string[] | null;

  @Field(() => [Health], { nullable: true })
  health?: string[] | null;

  @Field(() => [FreshnessEnum], { nullable: true, description: 'fresh, stale (observed longer ago than OBSERVATION_STALE_AFTER) or never observed' })
  freshness?: string[] | null;

  @Field(() => [LabelInput], { nullable: true })
  labels?: LabelInput[] | null;

  @Field(() => String, { nullable: true, description: 'Hostname prefix, case-insensitive' })
  q?: string | null;
}

@ObjectType({ description: 'One row of the append-only change log' })
export class Change {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => String, { description: 'key:<name> of the API key that made the change' })
  actor!: string;

  @Field(() => String)
  entity!: string;

  @Field(() => String)
  entityKey!: string;

  @Field(() => String)
  action!: string;

  @Field(() => JsonScalar, { nullable: true })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;
}

@ObjectType()
export class ChangePage extends Paginated(Change) {}
