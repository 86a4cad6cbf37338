/**
 * Roles of API keys, weakest first; each role may do everything the ones before it may:
 * `viewer` reads, `operator` also runs scenarios, acts on routers and feeds observations, `admin` also manages
 * keys, fleets and routers.
 */
export const API_ROLES = ['viewer', 'operator', 'admin'] as const;

export type ApiRole = (typeof API_ROLES)[number];

/** Whether a key with role `held` may use a route that needs `needed`. */
export function roleSatisfies(held: ApiRole, needed: ApiRole): boolean {
  return API_ROLES.indexOf(held) >= API_ROLES.indexOf(needed);
}

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === 'string' && (API_ROLES as readonly string[]).includes(value);
}
