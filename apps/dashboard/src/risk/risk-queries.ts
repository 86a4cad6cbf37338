/** GraphQL documents of the Risk pages. */

const AUDIT_FIELDS = `id status error selector faults cells createdBy createdAt finishedAt
  thresholds { dataPlaneOutageMs controlPlaneOutageMs }
  progress { routersDone routerCount percent exposedRouters }`;

export const AUDIT_LIST = `query Audits($limit: Int!, $offset: Int!) { audits(limit: $limit, offset: $offset) { total limit offset items { ${AUDIT_FIELDS} } } }`;

export const AUDIT_DETAIL = `query Audit($id: ID!) { audit(id: $id) { ${AUDIT_FIELDS}
  summary { routers exposedRouters errors byCell { cell routers } byCause { cause routers } } } }`;

/** A page of the matrix, compact: one character per cell (x exposed, . survived, - n/a, e error). */
export const AUDIT_MATRIX = `query AuditMatrix($id: ID!, $limit: Int!, $offset: Int!) {
  audit(id: $id) { matrix(limit: $limit, offset: $offset) { total items { hostname exposure } } } }`;

export const AUDIT_EXPOSED = `query AuditExposed($id: ID!, $limit: Int!, $offset: Int!) {
  audit(id: $id) { matrix(exposedOnly: true, limit: $limit, offset: $offset) { total limit offset items { hostname model causes exposure } } } }`;

export const START_AUDIT = 'mutation StartAudit($input: StartAuditInput!) { startAudit(input: $input) { id } }';
export const CANCEL_AUDIT = 'mutation CancelAudit($id: ID!) { cancelAudit(id: $id) { id status } }';

export const AUDIT_PROGRESS = `subscription AuditProgress($auditId: ID) {
  auditProgress(auditId: $auditId) { auditId status routersDone routerCount exposedRouters } }`;

export const FLEET_NAMES = 'query RiskFleets { fleets(limit: 100) { total items { id name } } }';
