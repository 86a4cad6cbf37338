import type { Role } from '../api/types';

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

/** What a role may do in the dashboard, as the API's roles allow it (viewer reads, operator acts, admin manages). */
export type Capability = 'read' | 'operate' | 'administer';

const NEEDS: Readonly<Record<Capability, Role>> = { read: 'viewer', operate: 'operator', administer: 'admin' };

/** Whether `role` may do `capability`; controls a role may not use are not shown at all. */
export function may(role: Role, capability: Capability): boolean {
  return RANK[role] >= RANK[NEEDS[capability]];
}
