export * from './forecast-models.js';
export * from './forecast.repository.js';
export { decodeStats, encodeStats } from './forecast-stats.codec.js';
export { TypeormForecastExecutionRepository, TypeormForecastRepository } from './typeorm-forecast.repository.js';
