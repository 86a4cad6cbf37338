import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './config.js';

describe('loadConfig', () => {
  it('defaults to the local services', () => {
    const c = loadConfig({});
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/asr_twin');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.http).toEqual({
      host: '127.0.0.1',
      port: 3000,
      bodyLimit: 4 * 1024 * 1024,
      importBodyLimit: 64 * 1024 * 1024,
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 10_000,
    });
    expect(c.websocket).toEqual({ initTimeoutMs: 5000, maxSubscriptionsPerConnection: 50, maxConnectionsPerKey: 50 });
    expect(c.seedSampleFleet).toBe(true);
    expect(c.runs).toEqual({
      workerConcurrency: 2,
      shardSize: 1000,
      maxRouterIterations: 1_000_000,
      reconcileIntervalMs: 10_000,
      retentionDays: 90,
      retentionMax: 0,
      jobLockMs: 30_000,
      outageGiveUpMs: 3_600_000,
    });
  });

  it('reads the run retention: 90 days and any number by default, 0 keeping forever, whole numbers only', () => {
    const c = loadConfig({ RUN_RETENTION_DAYS: '0', RUN_RETENTION_MAX: '500' });
    expect([c.runs.retentionDays, c.runs.retentionMax]).toEqual([0, 500]);
    for (const bad of ['-1', '1.5', 'week', '36501']) expect(() => loadConfig({ RUN_RETENTION_DAYS: bad })).toThrow(/RUN_RETENTION_DAYS/);
    for (const bad of ['-1', 'all', '2.5']) expect(() => loadConfig({ RUN_RETENTION_MAX: bad })).toThrow(/RUN_RETENTION_MAX/);
  });

  it('reads the largest run a request may ask for: 1 to 1,000,000,000 router-simulations', () => {
    expect(loadConfig({ RUN_MAX_ROUTER_ITERATIONS: '50000' }).runs.maxRouterIterations).toBe(50_000);
    for (const bad of ['0', '-5', 'many', '1000000001']) expect(() => loadConfig({ RUN_MAX_ROUTER_ITERATIONS: bad })).toThrow(/RUN_MAX_ROUTER_ITERATIONS/);
  });

  it('talks to one Redis unless REDIS_CLUSTER_NODES names cluster seeds as host:port', () => {
    expect(loadConfig({}).redis.clusterNodes).toBeNull();
    expect(loadConfig({ REDIS_CLUSTER_NODES: ' redis-0:6379, 10.0.0.7:7001,[::1]:7002,' }).redis.clusterNodes).toEqual([
      { host: 'redis-0', port: 6379 },
      { host: '10.0.0.7', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of ['redis-0', 'redis-0:0', 'redis-0:70000', 'redis://redis-0:6379', ',', 'a b:1']) {
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(/REDIS_CLUSTER_NODES: .*host:port/);
    }
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1' })).toThrow(/REDIS_CLUSTER_NODES: "redis-1": each node is host:port/);
  });

  it('keeps the headers timeout within the request timeout', () => {
    const c = loadConfig({ HTTP_REQUEST_TIMEOUT_S: '5', HTTP_HEADERS_TIMEOUT_S: '30' });
    expect(c.http.headersTimeoutMs).toBe(5000);
  });

  it('reads and coerces the environment, treating empty values as unset', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/x', SEED_SAMPLE_FLEET: 'false', LOG_LEVEL: '' });
    expect(c.http.port).toBe(8080);
    expect(c.database.url).toBe('postgresql://u:p@db:5432/x');
    expect(c.seedSampleFleet).toBe(false);
    expect(c.logLevel).toBe('info');
  });

  it('reads the time scale of router actions: real time by default, 0 to 100, nothing else', () => {
    expect(loadConfig({}).twin.timeScale).toBe(1);
    expect(loadConfig({ TWIN_TIME_SCALE: '0.01' }).twin.timeScale).toBe(0.01);
    expect(loadConfig({ TWIN_TIME_SCALE: '0' }).twin.timeScale).toBe(0);
    for (const bad of ['-1', 'fast', '101']) expect(() => loadConfig({ TWIN_TIME_SCALE: bad })).toThrow(/TWIN_TIME_SCALE/);
  });

  it('reads the observation settings: stale after 24h by default, durations in s, m, h or d', () => {
    expect(loadConfig({}).observations).toEqual({ bodyLimit: 128 * 1024 * 1024, staleAfterMs: 24 * 3_600_000 });
    expect(loadConfig({ OBSERVATION_STALE_AFTER: '30m' }).observations.staleAfterMs).toBe(30 * 60_000);
    expect(loadConfig({ OBSERVATION_STALE_AFTER: '7d' }).observations.staleAfterMs).toBe(7 * 86_400_000);
    expect(loadConfig({ OBSERVATION_STALE_AFTER: '90s', OBSERVATIONS_BODY_LIMIT: '1000' }).observations).toEqual({ bodyLimit: 1000, staleAfterMs: 90_000 });
    for (const bad of ['24', '1.5h', '0h', 'soon', '-1h']) expect(() => loadConfig({ OBSERVATION_STALE_AFTER: bad })).toThrow(/OBSERVATION_STALE_AFTER/);
  });

  it('waits through a dependency outage for an hour by default before a job gives up', () => {
    expect(loadConfig({}).runs.outageGiveUpMs).toBe(3_600_000);
    expect(loadConfig({ OUTAGE_GIVE_UP: '6h' }).runs.outageGiveUpMs).toBe(6 * 3_600_000);
    for (const bad of ['0s', 'forever', '60']) expect(() => loadConfig({ OUTAGE_GIVE_UP: bad })).toThrow(/OUTAGE_GIVE_UP/);
  });

  it('names every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/REDIS_URL/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('reads the access-control settings, with no admin key, no CORS origin and a private /metrics by default', () => {
    const d = loadConfig({});
    expect(d.auth.adminApiKey).toBeUndefined();
    expect(d.rateLimit.perMinute).toBe(6000);
    expect(d.cors.origins).toEqual([]);
    expect(d.metrics.public).toBe(false);
    expect(d.readCache).toEqual({ maxAgeMs: 5000, maxRouters: 10_000 });
    expect(loadConfig({ READ_CACHE_MAX_AGE_S: '0', READ_CACHE_MAX_ROUTERS: '20' }).readCache).toEqual({ maxAgeMs: 0, maxRouters: 20 });
    expect(() => loadConfig({ READ_CACHE_MAX_ROUTERS: '0' })).toThrow(/READ_CACHE_MAX_ROUTERS/);
    const key = 'k'.repeat(40);
    const c = loadConfig({
      ADMIN_API_KEY: key,
      RATE_LIMIT_PER_MINUTE: '5',
      CORS_ORIGINS: 'https://ops.example.com, http://localhost:5173',
      METRICS_PUBLIC: 'true',
    });
    expect(c.auth.adminApiKey).toBe(key);
    expect(c.rateLimit.perMinute).toBe(5);
    expect(c.cors.origins).toEqual(['https://ops.example.com', 'http://localhost:5173']);
    expect(c.metrics.public).toBe(true);
  });

  it('refuses a short admin key without echoing it, and origins with a path', () => {
    let error: unknown;
    try {
      loadConfig({ ADMIN_API_KEY: 'hunter2-short', CORS_ORIGINS: 'https://ops.example.com/app', RATE_LIMIT_PER_MINUTE: '0' });
    } catch (e) {
      error = e;
    }
    const message = (error as Error).message;
    expect(message).toMatch(/ADMIN_API_KEY/);
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(/CORS_ORIGINS/);
    expect(message).toMatch(/RATE_LIMIT_PER_MINUTE/);
  });

  it("serves the installation's own dashboard build unless DASHBOARD_DIR names another or is off", () => {
    expect(loadConfig({}).dashboard.dir).toBeUndefined();
    expect(loadConfig({ DASHBOARD_DIR: '/srv/dashboard' }).dashboard.dir).toBe('/srv/dashboard');
    expect(loadConfig({ DASHBOARD_DIR: 'off' }).dashboard.dir).toBeNull();
  });

  it('reads the parsing limits: parse workers, time, memory and queue, scenario sizes and counts, the cost of parsed text', () => {
    const d = loadConfig({});
    expect(d.parsing.workers).toBeGreaterThanOrEqual(1);
    expect(d.parsing.workers).toBeLessThanOrEqual(2);
    expect(d.parsing).toMatchObject({ timeLimitMs: 3000, memoryLimitMb: 256, queueLimit: 256 });
    expect(d.scenarios).toEqual({ maxSourceBytes: 262_144, maxSourcesPerRequest: 4, maxRequestBytes: 524_288 });
    expect(d.graphql.costPerKibParsed).toBe(100);
    expect(d.auth.outageGraceMs).toBe(3_600_000);
    const c = loadConfig({
      PARSE_WORKERS: '3',
      PARSE_TIME_LIMIT_MS: '500',
      PARSE_MEMORY_LIMIT_MB: '64',
      PARSE_QUEUE_LIMIT: '10',
      SCENARIO_MAX_SOURCE_BYTES: '4096',
      SCENARIO_MAX_SOURCES_PER_REQUEST: '1',
      SCENARIO_MAX_REQUEST_BYTES: '8192',
      GRAPHQL_COST_PER_KIB_PARSED: '0',
      API_KEY_OUTAGE_GRACE_S: '0',
    });
    expect(c.parsing).toEqual({ workers: 3, timeLimitMs: 500, memoryLimitMb: 64, queueLimit: 10 });
    expect(c.scenarios).toEqual({ maxSourceBytes: 4096, maxSourcesPerRequest: 1, maxRequestBytes: 8192 });
    expect(c.graphql.costPerKibParsed).toBe(0);
    expect(c.auth.outageGraceMs).toBe(0);
    // The parser itself reads at most 256 KiB; a larger source limit would only move the refusal.
    for (const [name, bad] of [
      ['SCENARIO_MAX_SOURCE_BYTES', '262145'],
      ['PARSE_TIME_LIMIT_MS', '10'],
      ['PARSE_WORKERS', '0'],
      ['PARSE_MEMORY_LIMIT_MB', '8'],
    ]) {
      expect(() => loadConfig({ [name as string]: bad })).toThrow(new RegExp(name as string));
    }
  });

  it('serves worker health on WORKER_HTTP_PORT only when asked: off by default, a port, or 0 for a free one', () => {
    expect(loadConfig({}).workerHttp).toBeNull();
    expect(loadConfig({ WORKER_HTTP_PORT: 'off' }).workerHttp).toBeNull();
    expect(loadConfig({ WORKER_HTTP_PORT: '3001' }).workerHttp).toEqual({ host: '127.0.0.1', port: 3001 });
    expect(loadConfig({ WORKER_HTTP_PORT: '0', WORKER_HTTP_HOST: '0.0.0.0' }).workerHttp).toEqual({ host: '0.0.0.0', port: 0 });
    for (const bad of ['on', '-1', '70000', '3001.5']) {
      expect(() => loadConfig({ WORKER_HTTP_PORT: bad })).toThrow(/WORKER_HTTP_PORT: "off" or a port number/);
    }
  });

  it('keeps the drain delay inside the shutdown timeout', () => {
    expect(loadConfig({}).shutdownDrainDelayMs).toBe(0);
    const c = loadConfig({ SHUTDOWN_TIMEOUT_S: '25', SHUTDOWN_DRAIN_DELAY_S: '5' });
    expect([c.shutdownDrainDelayMs, c.shutdownTimeoutMs]).toEqual([5000, 25_000]);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_S: '10', SHUTDOWN_DRAIN_DELAY_S: '10' })).toThrow(
      /SHUTDOWN_DRAIN_DELAY_S: must be less than SHUTDOWN_TIMEOUT_S/,
    );
    expect(() => loadConfig({ SHUTDOWN_DRAIN_DELAY_S: 'soon' })).toThrow(/SHUTDOWN_DRAIN_DELAY_S/);
  });

  it('listens for key changes on DATABASE_LISTEN_URL, else on DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://pgbouncer:6432/x' }).database.listenUrl).toBe('postgres://pgbouncer:6432/x');
    const c = loadConfig({ DATABASE_URL: 'postgres://pgbouncer:6432/x', DATABASE_LISTEN_URL: 'postgres://db:5432/x' });
    expect(c.database).toMatchObject({ url: 'postgres://pgbouncer:6432/x', listenUrl: 'postgres://db:5432/x' });
    expect(() => loadConfig({ DATABASE_LISTEN_URL: 'mysql://db/x' })).toThrow(/DATABASE_LISTEN_URL/);
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://user:secret@db/x')).toBe('postgres://user:***@db/x');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
