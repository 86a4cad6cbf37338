import { ValidationError } from '@asr-twin/domain';
import type { FastifyInstance } from 'fastify';
import { checkRequestInput } from './storable-text.js';

/**
 * Refuses, on every REST route, input holding text the service cannot keep (U+0000, unpaired surrogates): a 400
 * `VALIDATION_FAILED` problem naming the field, after authentication and body parsing and before the route runs.
 * GraphQL (`graphqlPath`) applies the same rule to its arguments and variables in its validation rules instead,
 * so its refusals come back as GraphQL errors.
 */
export function installStorableTextCheck(fastify: FastifyInstance, graphqlPath: string): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.routeOptions.url === graphqlPath) return done();
    const found = checkRequestInput({ params: request.params, query: request.query, body: request.body });
    if (found === null) return done();
    const { field, message, line, column } = found;
    const issue = { field, message, code: 'unstorable-text', ...(line === undefined ? {} : { line, column }) };
    done(new ValidationError(`invalid request: ${message}`, [issue]));
  });
}
