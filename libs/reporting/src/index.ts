export * from './junit.js';
export * from './report-writer.js';
