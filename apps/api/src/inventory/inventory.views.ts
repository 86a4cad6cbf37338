import { z } from 'zod';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { IMPORT_FORMATS } from './inventory-rows.js';
import type { ImportReport } from './inventory.service.js';

const OUTCOME = z.enum(['created', 'updated', 'unchanged', 'refused']);
const COUNT = z.number().int().min(0);

/** The answer of an inventory import: what happened to each row, and the counts. */
export const IMPORT_REPORT = describes<ImportReport>()(
  apiSchema(
    'ImportReport',
    z
      .object({
        fleet: z.object({ id: z.uuid(), name: z.string() }).describe("the import's fleet: where rows that name no fleet go"),
        format: z.enum(IMPORT_FORMATS),
        summary: z.object({ created: COUNT, updated: COUNT, unchanged: COUNT, refused: COUNT }),
        warnings: z.array(z.string()).describe('about the file as a whole (unknown CSV columns, unmapped NetBox fields, a partial page)'),
        rows: z.array(
          z.object({
            row: z.number().int().describe('CSV: the line the record starts on (header = 1); NetBox: the index in results'),
            hostname: z.string().nullable(),
            outcome: OUTCOME,
            reason: z.string().optional().describe('refused: why'),
            changed: z.array(z.string()).optional().describe('updated: the fields changed (fleet, serial, labels, version, redundancy)'),
            warnings: z.array(z.string()).optional(),
          }),
        ),
      })
      .meta({ description: 'what an inventory import did to each row' }),
  ),
);
