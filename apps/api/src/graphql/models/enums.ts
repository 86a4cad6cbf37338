import { VERDICTS, type Verdict as VerdictName } from '@asr-twin/simulator';
import { registerEnumType } from '@nestjs/graphql';

/** GraphQL enums: names as the schema spells them, values as the services use them. */
export const Role = { viewer: 'viewer', operator: 'operator', admin: 'admin' } as const;
export const Health = { protected: 'protected', degraded: 'degraded', down: 'down' } as const;
export const RunStatusEnum = { queued: 'queued', running: 'running', completed: 'completed', failed: 'failed', cancelled: 'cancelled' } as const;
/** The simulator's verdicts (`VERDICTS`), one enum value each. */
export const Verdict = Object.fromEntries(VERDICTS.map((v) => [v, v])) as { readonly [V in VerdictName]: V };
export const OutageMetricEnum = {
  controlPlaneOutageMs: 'controlPlaneOutageMs',
  dataPlaneOutageMs: 'dataPlaneOutageMs',
  redundancyRestoredMs: 'redundancyRestoredMs',
  switchovers: 'switchovers',
} as const;
/** `show` commands a twin router answers, valued by the IOS-XE command. */
export const ShowCommandEnum = {
  redundancy: 'show redundancy',
  redundancy_states: 'show redundancy states',
  version: 'show version',
  platform: 'show platform',
} as const;
/** Where a run's routers start (`twin`: stored state; `healthy`: a new router's state). */
export const StartModeEnum = { twin: 'twin', healthy: 'healthy' } as const;
/** What happened to a fleet (`fleetChanged`). */
export const FleetChangeEnum = {
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  routersAdded: 'routersAdded',
  routersObserved: 'routersObserved',
} as const;
/** How current a router is from its last observation. */
export const FreshnessEnum = { fresh: 'fresh', stale: 'stale', never: 'never' } as const;
/** A part of a router in its change log. */
export const TwinEntityEnum = { router: 'router', host: 'host', hypervisor: 'hypervisor', instance: 'instance', esp: 'esp' } as const;
/** What a bulk observation did with one item. */
export const ObservationOutcomeEnum = { applied: 'applied', unchanged: 'unchanged', refused: 'refused', unknown_router: 'unknown-router' } as const;
/** The format of an inventory import (`importInventory`). */
export const InventoryFormatEnum = { csv: 'csv', netbox: 'netbox' } as const;
/** What an inventory import did with a row. */
export const ImportOutcomeEnum = { created: 'created', updated: 'updated', unchanged: 'unchanged', refused: 'refused' } as const;
/** What happened to a stored scenario (`scenarioChanged`). */
export const ScenarioChangeEnum = { created: 'created', updated: 'updated', deleted: 'deleted' } as const;

registerEnumType(Role, { name: 'Role', description: 'Role of an API key: viewer < operator < admin' });
registerEnumType(TwinEntityEnum, {
  name: 'TwinEntity',
  description: 'A part of a router in its change log: the router itself, an RP host, its hypervisor, an IOS instance, an ESP',
});
registerEnumType(Health, { name: 'Health', description: 'Redundancy health of a router' });
registerEnumType(RunStatusEnum, { name: 'RunStatus' });
registerEnumType(Verdict, { name: 'Verdict' });
registerEnumType(StartModeEnum, {
  name: 'StartMode',
  description: "Where a run's routers start: twin (stored routers from their stored state, embedded routers from the state their scenario declares) or healthy",
});
registerEnumType(OutageMetricEnum, { name: 'OutageMetric', description: 'A metric of run results (ms, or a count for switchovers)' });
registerEnumType(ShowCommandEnum, { name: 'ShowCommand', description: 'An IOS-XE show command the twin renders' });
registerEnumType(FleetChangeEnum, {
  name: 'FleetChange',
  description:
    "created; updated (name, description or labels); deleted (with its routers); routersAdded (one insert of routers); routersObserved (one bulk observation of the fleet's routers)",
});
registerEnumType(ScenarioChangeEnum, { name: 'ScenarioChange', description: 'created; updated (a new revision, perhaps under a new name); deleted' });
registerEnumType(FreshnessEnum, {
  name: 'Freshness',
  description: 'fresh; stale (last observed longer ago than OBSERVATION_STALE_AFTER); never (never observed)',
});
registerEnumType(ObservationOutcomeEnum, {
  name: 'ObservationOutcome',
  description: 'applied (the router changed); unchanged; refused (see code and reason); unknown_router (no router has the hostname)',
});
registerEnumType(InventoryFormatEnum, {
  name: 'InventoryFormat',
  description: 'csv: header hostname,model,serial,version,redundancy,fleet,labels; netbox: the JSON of GET /api/dcim/devices/',
});
registerEnumType(ImportOutcomeEnum, { name: 'ImportOutcome', description: 'What an inventory import did with a row' });

export const CauseDimensionEnum = { model: 'model', mode: 'mode', start: 'start', expectation: 'expectation' } as const;
registerEnumType(CauseDimensionEnum, {
  name: 'CauseDimension',
  description: 'What a cause group groups results by: chassis model, operating mode, starting state or failed expectation',
});
