export * from './queues.js';
export * from './redis.js';
export * from './redis.module.js';
