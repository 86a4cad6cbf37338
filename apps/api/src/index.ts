export { API_PREFIX, createApiApp } from './app.factory.js';
export { buildGraphqlSchema, printGraphqlSchema, SCHEMA_FILE } from './graphql/schema-printer.js';
