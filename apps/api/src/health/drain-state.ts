/**
 * Whether this api process is draining: set on SIGTERM, after which `/health/ready` answers 503 so a load balancer
 * (a Kubernetes Service) stops sending new requests before the listener closes.
 */
export class DrainState {
  private since: Date | null = null;

  get draining(): boolean {
    return this.since !== null;
  }

  /** Marks the process as draining; later calls keep the first time. */
  start(now = new Date()): void {
    this.since ??= now;
  }
}
