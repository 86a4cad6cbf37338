import { z } from 'zod';
import { IMPORT_FORMATS } from './inventory-rows.js';

/** The path of the import route under the API prefix; its body limit is `IMPORT_BODY_LIMIT`. */
export const IMPORT_ROUTE = 'fleets/:id/import';

/** Content types the import route takes as CSV text. */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv'] as const;

/** `{ format, content }`: CSV text, or a NetBox device list (as JSON, or as its text). */
export const IMPORT_BODY = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  content: z.union([z.string().min(1, 'empty'), z.array(z.unknown()), z.record(z.string(), z.unknown())]),
});

const NETBOX_REF = z.looseObject({ name: z.string().optional(), slug: z.string().optional() });

/** A NetBox device list as `GET /api/dcim/devices/` answers it (the fields the import reads); for the docs. */
export const NETBOX_DEVICE_LIST = z.looseObject({
  count: z.number().int().optional(),
  next: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  results: z.array(
    z.looseObject({
      name: z.string().nullable(),
      device_type: z.looseObject({ model: z.string(), slug: z.string().optional(), manufacturer: NETBOX_REF.optional() }),
      serial: z.string().optional(),
      site: NETBOX_REF.optional(),
      role: NETBOX_REF.optional(),
      device_role: NETBOX_REF.optional(),
      platform: NETBOX_REF.nullable().optional(),
      tenant: NETBOX_REF.nullable().optional(),
      status: z.looseObject({ value: z.string(), label: z.string().optional() }).optional(),
      tags: z.array(NETBOX_REF).optional(),
      custom_fields: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/** The JSON bodies the route documents; `text/csv` bodies are the CSV file itself. */
export const IMPORT_BODY_DOC = z.union([IMPORT_BODY, NETBOX_DEVICE_LIST]);
