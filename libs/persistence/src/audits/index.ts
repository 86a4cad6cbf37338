export * from './audit-execution.repository.js';
export * from './audit-models.js';
export * from './audit.repository.js';
export { decodeCells, encodeCells } from './audit-cells.codec.js';
export { TypeormAuditExecutionRepository } from './typeorm-audit-execution.repository.js';
export { TypeormAuditRepository } from './typeorm-audit.repository.js';
