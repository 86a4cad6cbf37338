export { API_PREFIX, createApiApp } from './app.factory.js';

