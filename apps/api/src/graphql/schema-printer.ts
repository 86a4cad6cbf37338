import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { RESOLVERS } from './graphql-api.module.js';

/** Where the printed schema is kept, relative to the repository root. */
export const SCHEMA_FILE = 'apps/api/schema.graphql';

const HEADER = '# The GraphQL schema of asr-twin at /graphql, printed from the code (npm run graphql:schema). Do not edit.\n\n';

/** A schema as the committed file holds it: sorted, printed in SDL, with a header. */
export function printGraphqlSchema(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The schema built from the resolvers alone, without a database or a server (for `npm run graphql:schema`). */
export async function buildGraphqlSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    return await app.get(GraphQLSchemaFactory).create([...RESOLVERS]);
  } finally {
    await app.close();
  }
}
