export const ROUTER_DETAIL = `query RouterDetail($id: ID!) {
  router(id: $id) {
    id hostname model serial softwareVersion redundancyMode health stateVersion
    labels { key value }
    fleet { id name }
    chassis { model redundancyType notes }
    redundancy { operatingMode switchovers standbyFailures lastSwitchoverReason bootedAt manualSwitchover { enabled reason } }
    routeProcessors {
      slot pid
      host {
        state kernelVersion cpuCores memoryMb
        hypervisor { kind state version guests { name role unit rfState { code name } stateSince domainState softwareVersion configVersion } }
      }
    }
    esps { slot pid state role forwarding }
    powerSupplies { slot state }
  }
}`;

export const ROUTER_CHANGES = `query RouterChanges($id: ID!, $limit: Int!, $offset: Int!, $entity: TwinEntity, $entityKey: String) {
  router(id: $id) { id changes(limit: $limit, offset: $offset, entity: $entity, entityKey: $entityKey) { total items { id at actor entity entityKey action before after } } }
}`;

export const ROUTER_ACTION = `query RouterAction($id: ID!) {
  router(id: $id) {
    id
    lastAction {
      id kind status actor startedAt finishedAt cancelReason timeScale redundancyAt redundancyAfterMs
      steps { step at afterMs summary applied health }
    }
  }
}`;

export const ROUTER_SHOW = `query RouterShow($id: ID!, $command: ShowCommand!) { router(id: $id) { id show(command: $command) } }`;

export const ROUTER_STATE = `subscription RouterState($id: ID!) {
  routerStateChanged(routerId: $id) { change routerId hostname fleetId health stateVersion at }
}`;

export const FORCE_SWITCHOVER = `mutation ForceSwitchover($id: ID!) { forceSwitchover(router: $id) { id health stateVersion } }`;
