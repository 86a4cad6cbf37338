export * from './rate-catalogue.js';
export * from './rate-overrides.js';
export * from './fault-draw.js';
export * from './outage-union.js';
export * from './degraded-start.js';
export * from './trial-engine.js';
export * from './statistics.js';
export * from './forecast-run.js';
