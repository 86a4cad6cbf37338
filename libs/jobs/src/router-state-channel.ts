/**
 * What is published after every committed write of a router's twin state (observations, force-switchover and
 * its later transitions, router create/patch/delete with health changes), on Redis pub/sub; GraphQL relays it.
 */
export interface RouterStateMessage {
  readonly routerId: string;
  readonly hostname: string;
  readonly fleetId: string;
  /** `protected`, `degraded` or `down`. */
  readonly health: string;
  readonly stateVersion: number;
  /** When the write was committed, ISO 8601. */
  readonly at: string;
}

/** The pub/sub channel of router state changes, under the configured key prefix. */
export function routerStateChannel(queuePrefix: string): string {
  return `${queuePrefix}:router-state`;
}
