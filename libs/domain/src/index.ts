export * from './chassis.js';
export * from './errors.js';
export * from './libvirt.js';
export * from './rf-state.js';
export * from './router-state.js';
export * from './scenario-model.js';
export * from './timing-profile.js';
export * from './freshness.js';
