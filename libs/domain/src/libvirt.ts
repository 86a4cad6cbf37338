/**
 * libvirt `virDomainState` values (domain reference §6.1,
 * https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainState). The twin models each IOS instance as
 * a KVM guest; these are the states its hypervisor reports for it.
 */
export const DOMAIN_STATES = ['NOSTATE', 'RUNNING', 'BLOCKED', 'PAUSED', 'SHUTDOWN', 'SHUTOFF', 'CRASHED', 'PMSUSPENDED'] as const;

export type DomainState = (typeof DOMAIN_STATES)[number];

/** Numeric `virDomainState` value of a state name. */
export function domainStateValue(state: DomainState): number {
  return DOMAIN_STATES.indexOf(state);
}

export function isDomainState(value: unknown): value is DomainState {
  return typeof value === 'string' && (DOMAIN_STATES as readonly string[]).includes(value);
}

/**
 * libvirt lifecycle events (`VIR_DOMAIN_EVENT_ID_LIFECYCLE`) with their detail names, as listed in domain
 * reference §6.2. The simulator emits these on the timeline of a guest.
 */
export const LIFECYCLE_EVENTS = {
  DEFINED: ['ADDED', 'UPDATED', 'RENAMED', 'FROM_SNAPSHOT'],
  UNDEFINED: ['REMOVED', 'RENAMED'],
  STARTED: ['BOOTED', 'MIGRATED', 'RESTORED', 'FROM_SNAPSHOT', 'WAKEUP'],
  SUSPENDED: ['PAUSED', 'MIGRATED', 'IOERROR', 'WATCHDOG', 'RESTORED', 'FROM_SNAPSHOT', 'API_ERROR', 'POSTCOPY', 'POSTCOPY_FAILED'],
  RESUMED: ['UNPAUSED', 'MIGRATED', 'FROM_SNAPSHOT', 'POSTCOPY', 'POSTCOPY_FAILED'],
  STOPPED: ['SHUTDOWN', 'DESTROYED', 'CRASHED', 'MIGRATED', 'SAVED', 'FAILED', 'FROM_SNAPSHOT'],
  SHUTDOWN: ['FINISHED', 'GUEST', 'HOST'],
  PMSUSPENDED: ['MEMORY', 'DISK'],
  CRASHED: ['PANICKED', 'CRASHLOADED'],
} as const;

export type LifecycleEvent = keyof typeof LIFECYCLE_EVENTS;
export type LifecycleDetail<E extends LifecycleEvent> = (typeof LIFECYCLE_EVENTS)[E][number];

/** States of the Linux host that runs on each Route Processor. */
export const HOST_STATES = ['up', 'panicked', 'rebooting', 'down'] as const;
export type HostState = (typeof HOST_STATES)[number];

/** States of the KVM hypervisor (libvirtd + QEMU) on a host. */
export const HYPERVISOR_STATES = ['running', 'restarting', 'down'] as const;
export type HypervisorState = (typeof HYPERVISOR_STATES)[number];

/** States of an ESP card (`show platform` prints `ok`, `init`, `unknown`; `failed` is the twin's fault state). */
export const ESP_STATES = ['ok', 'init', 'failed', 'unknown'] as const;
export type EspState = (typeof ESP_STATES)[number];
