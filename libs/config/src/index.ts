export * from './config.js';
export * from './dot-env.js';
