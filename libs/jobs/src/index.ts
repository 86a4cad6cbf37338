export * from './job-contracts.js';
export * from './job-producer.js';
export * from './progress-channel.js';
export * from './queues.js';
export * from './router-state-channel.js';
export * from './redis.js';
export * from './redis.module.js';
export * from './jobs.module.js';
