import type { OpenAPIObject } from '@nestjs/swagger';
import { problemAnswer } from './api-docs.decorators.js';
import { componentSchemas } from './openapi-schema.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Problem answers every operation with a request body can give before its handler runs. */
const BODY_PROBLEMS = [400, 413, 415] as const;

/**
 * Completes the document Nest builds from the decorators: `components.schemas` from the named zod schemas, the
 * answers every operation under `apiPrefix` shares (503 when a dependency is down) and those of every operation
 * with a body (400, 413, 415), each a `Problem`; public operations get an empty `security`.
 */
export function completeDocument(document: OpenAPIObject, apiPrefix: string): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...componentSchemas() } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const add = (status: number): void => {
        op.responses[status] ??= problemAnswer(status);
      };
      // A public route (`x-required-role: none`) says so, rather than inheriting a scheme.
      if ((op as { 'x-required-role'?: string })['x-required-role'] === 'none') op.security = [];
      if (op.requestBody !== undefined) for (const status of BODY_PROBLEMS) add(status);
      if (path.startsWith(apiPrefix)) add(503);
    }
  }
}
