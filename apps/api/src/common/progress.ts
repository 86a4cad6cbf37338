/**
 * How far a sharded campaign (run or audit) is, in percent with one decimal, rounded down so that 100 means
 * every router is done: from the routers done of those frozen, or, before the targets are frozen, 100 once
 * completed and 0 otherwise.
 */
export function progressPercent(routersDone: number, routerCount: number | null, status: string): number {
  if (routerCount) return Math.floor((routersDone / routerCount) * 1000) / 10;
  return status === 'completed' ? 100 : 0;
}
