export * from './junit.js';
