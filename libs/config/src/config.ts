import { availableParallelism } from 'node:os';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const DURATION_UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `90s`, `30m`, `24h` or `7d`, in milliseconds. */
const duration = z
  .string()
  .regex(/^[1-9][0-9]{0,6}[smhd]$/, 'a whole number and a unit: s, m, h or d (e.g. 30m, 24h, 7d)')
  .transform((v) => Number(v.slice(0, -1)) * DURATION_UNITS_MS[v.slice(-1) as keyof typeof DURATION_UNITS_MS]);

const WORKER_HTTP_PORT_HINT = '"off" or a port number (0-65535; 0 picks a free port)';

const CLUSTER_NODE_HINT = 'each node is host:port with a port from 1 to 65535, e.g. redis-0:6379,redis-1:6379,[::1]:7000';

/** A Redis Cluster seed: where a client first asks for the cluster's slot map. */
export interface RedisClusterNode {
  readonly host: string;
  readonly port: number;
}

/** `host:port`, `[v6]:port`; null when it is not one. */
function parseHostPort(text: string): RedisClusterNode | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):([0-9]{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  if (!m || port < 1 || port > 65_535) return null;
  return { host: m[1] ?? m[2]!, port };
}

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting of every process, read from the environment once at boot. Defaults match the local services
 * of a development machine and `docker-compose.yml` overrides them. Nothing else reads `process.env`.
 */
const ENV_SCHEMA = z.object({
  /** PostgreSQL connection URL. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/asr_twin'),
  /** Redis connection URL (BullMQ queues, pub/sub). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /**
   * Redis Cluster seeds, `host:port` comma-separated (a few masters are enough; the rest are discovered). When set,
   * every Redis user (queues, rate limits, change epochs, counters, pub/sub) talks to the cluster and `REDIS_URL`
   * only lends its user name, password and `rediss:` (TLS) to every node. Unset: the single Redis of `REDIS_URL`.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((list, ctx) => {
      const entries = list
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n.length > 0);
      const nodes = entries.map(parseHostPort);
      const bad = entries.filter((_, i) => nodes[i] === null);
      if (entries.length === 0 || bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${bad.length > 0 ? `${bad.map((b) => JSON.stringify(b)).join(', ')}: ` : 'no node: '}${CLUSTER_NODE_HINT}` });
        return z.NEVER;
      }
      return nodes as RedisClusterNode[];
    })
    .optional(),
  /** Interface the API listens on; `0.0.0.0` in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Largest accepted request body, bytes. */
  HTTP_BODY_LIMIT: positiveInt.default(4 * 1024 * 1024),
  /**
   * Largest body of `POST /observations` (many routers' device output at once), bytes. 10,000 routers × three
   * outputs is about 60 MB of JSON.
   */
  OBSERVATIONS_BODY_LIMIT: positiveInt.default(128 * 1024 * 1024),
  /** A router last observed longer ago than this is `stale` (`never` when never observed): `30m`, `24h`, `7d`. */
  OBSERVATION_STALE_AFTER: duration.default(24 * DURATION_UNITS_MS.h),
  /** Largest accepted body of an inventory import (`POST /fleets/:id/import`), bytes. */
  IMPORT_BODY_LIMIT: positiveInt.default(64 * 1024 * 1024),
  /** Seconds a client has to send a whole request, headers and body; a slower one gets 408 and is closed. */
  HTTP_REQUEST_TIMEOUT_S: positiveInt.max(3600).default(60),
  /** Seconds a client has to send the request line and headers. */
  HTTP_HEADERS_TIMEOUT_S: positiveInt.max(600).default(10),
  /** Seconds a GraphQL WebSocket has to send `connection_init` (then closed with 4408); a connection whose init carried no valid key is closed with 4401 after as long. */
  WS_INIT_TIMEOUT_S: positiveInt.max(600).default(5),
  /** Subscriptions one GraphQL WebSocket may hold at once; more are refused with `TOO_MANY_SUBSCRIPTIONS`. */
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.max(10_000).default(50),
  /** GraphQL WebSockets one API key may hold open on one api process; more are closed with 4429. */
  WS_MAX_CONNECTIONS_PER_KEY: positiveInt.max(100_000).default(50),
  /** Connections in each process's PostgreSQL pool. */
  DB_POOL_SIZE: positiveInt.max(200).default(10),
  /** Prefix of every BullMQ key, so several deployments can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only')
    .default('asr-twin'),
  /**
   * Seconds to wait for in-flight work on SIGTERM before exiting anyway (the api's drain delay included). Keep
   * Kubernetes' `terminationGracePeriodSeconds` above it.
   */
  SHUTDOWN_TIMEOUT_S: positiveInt.max(3600).default(10),
  /**
   * Seconds the api keeps serving after SIGTERM while `/health/ready` answers 503, so load balancers stop sending
   * before the listener closes. 0 closes at once. Less than `SHUTDOWN_TIMEOUT_S`.
   */
  SHUTDOWN_DRAIN_DELAY_S: z.coerce.number({ error: 'a whole number of seconds' }).int().min(0).max(600).default(0),
  /**
   * Port of the worker's HTTP server (`/health/live`, `/health/ready`, `/metrics`); `off` (default) serves none,
   * `0` a free port (logged). In containers and Kubernetes: 3001.
   */
  WORKER_HTTP_PORT: z
    .string()
    .regex(/^(off|0|[1-9][0-9]{0,4})$/, WORKER_HTTP_PORT_HINT)
    .transform((v): 'off' | number => (v === 'off' ? 'off' : Number(v)))
    .refine((v) => v === 'off' || v <= 65_535, WORKER_HTTP_PORT_HINT)
    .default('off'),
  /** Interface the worker's HTTP server listens on; `0.0.0.0` in containers. */
  WORKER_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * PostgreSQL URL of the api's LISTEN connection (key revocation); unset: `DATABASE_URL`. Behind PgBouncer in
   * transaction mode, point it at PostgreSQL directly or at a session-mode pool: LISTEN needs a session.
   */
  DATABASE_LISTEN_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** `npm start` creates a sample fleet when the database holds no fleet. */
  SEED_SAMPLE_FLEET: flag.default(true),
  /**
   * The first admin key: when set, the api accepts it as the admin key named `bootstrap-admin` (stored hashed,
   * never logged). Any string of 32 to 512 printable characters without spaces.
   */
  ADMIN_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{32,512}$/, '32 to 512 printable characters without spaces, e.g. the output of `openssl rand -hex 32`')
    .optional(),
  /** Requests per minute per API key (or per client address without a valid key), counted in Redis. */
  RATE_LIMIT_PER_MINUTE: positiveInt.default(6000),
  /** Origins (`https://host[:port]`, comma-separated) that browsers may call the API from; none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(z.array(z.string().refine(isOrigin, 'each origin is scheme://host[:port], e.g. https://ops.example.com'))),
  /** `/metrics` answers without an API key (for a Prometheus on a trusted network); otherwise it needs a viewer key. */
  METRICS_PUBLIC: flag.default(false),
  /**
   * Deepest GraphQL selection accepted (`routers { items { routeProcessors { host { hypervisor { guests {
   * rfState { name } } } } } } }` is 8 deep; the standard introspection query 13). Deeper queries are refused
   * with `QUERY_TOO_DEEP` before anything runs.
   */
  GRAPHQL_MAX_DEPTH: positiveInt.min(5).max(100).default(15),
  /**
   * Largest GraphQL query cost accepted: every field costs 1 and a paginated field multiplies the cost of its
   * selection by its `limit`. Costlier queries are refused with `QUERY_TOO_COMPLEX` before anything runs.
   */
  GRAPHQL_MAX_COMPLEXITY: positiveInt.min(100).max(100_000_000).default(250_000),
  /** Longest GraphQL document accepted, characters; longer ones are refused with `QUERY_TOO_LARGE` unparsed. */
  GRAPHQL_MAX_QUERY_LENGTH: positiveInt.min(1024).max(1_048_576).default(16_384),
  /**
   * GraphQL cost of each KiB (started) of text a field parses: scenario sources (`validateScenario`,
   * `createScenario`, `updateScenario`, `startRun`), device output (`observe`) and inventory content.
   */
  GRAPHQL_COST_PER_KIB_PARSED: z.coerce.number().int().min(0).max(1_000_000).default(100),
  /** Worker threads that parse scenario sources and device output off the request thread; default: CPU cores - 1, 1 to 2. */
  PARSE_WORKERS: positiveInt.max(64).optional(),
  /** Longest one parse may take, ms; the worker is then stopped and replaced, and the request answered `422 PARSE_TIME_LIMIT`. */
  PARSE_TIME_LIMIT_MS: positiveInt.min(100).max(600_000).default(3000),
  /** Heap of each parse worker, MiB; a parse that needs more is answered `422 PARSE_MEMORY_LIMIT`. */
  PARSE_MEMORY_LIMIT_MB: positiveInt.min(32).max(16_384).default(256),
  /** Parses waiting for a worker, at most; more are refused with `503 PARSER_BUSY` and `Retry-After`. */
  PARSE_QUEUE_LIMIT: positiveInt.max(100_000).default(256),
  /** Largest scenario source, bytes (UTF-8); larger ones are refused with `413 PAYLOAD_TOO_LARGE`. */
  SCENARIO_MAX_SOURCE_BYTES: positiveInt.min(1024).max(262_144).default(262_144),
  /** Scenario sources one GraphQL request may carry (`validateScenario`, …); more are refused with `TOO_MANY_SOURCES`. */
  SCENARIO_MAX_SOURCES_PER_REQUEST: positiveInt.max(1000).default(4),
  /** Largest body of a REST scenario route, and most scenario source bytes in one GraphQL request; `413` beyond. */
  SCENARIO_MAX_REQUEST_BYTES: positiveInt
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(512 * 1024),
  /**
   * Seconds a key verified against PostgreSQL stays accepted while PostgreSQL is unreachable (so `/metrics`
   * still answers a scraper during an outage); 0 turns it off. A revocation is honoured as soon as PostgreSQL answers.
   */
  API_KEY_OUTAGE_GRACE_S: z.coerce.number().int().min(0).max(86_400).default(3600),
  READ_CACHE_MAX_AGE_S: z.coerce.number().int().min(0).max(3600).default(5),
  READ_CACHE_MAX_ROUTERS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Jobs one worker process runs at once (a shard simulates on the CPU, then writes to PostgreSQL). */
  WORKER_CONCURRENCY: positiveInt.max(64).default(2),
  /** Routers per shard of a run: the unit of work, of retry and of progress. */
  RUN_SHARD_SIZE: positiveInt.max(100_000).default(1000),
  /**
   * Most router-simulations (target routers × iterations) one run may ask for; a larger request is refused at
   * submission. Each costs about 2 KB of PostgreSQL storage and, on two cores, about 0.1 ms of worker time.
   */
  RUN_MAX_ROUTER_ITERATIONS: positiveInt.max(1_000_000_000).default(1_000_000),
  /** How often the reconciler looks for runs that PostgreSQL holds as pending but Redis lost, seconds. */
  RECONCILE_INTERVAL_S: positiveInt.max(3600).default(10),
  /**
   * Finished runs (completed, failed, cancelled) older than this many days are deleted by the worker's maintenance
   * pass, with their results and timeline; 0 keeps them whatever their age. Runs still queued or running are never.
   */
  RUN_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  /** Most finished runs kept: the oldest beyond this are deleted by the maintenance pass; 0 keeps any number. */
  RUN_RETENTION_MAX: z.coerce.number().int().min(0).max(100_000_000).default(0),
  /**
   * How long a worker holds a job before another may take it over (BullMQ lock), ms. A worker killed
   * mid-shard leaves its shard to another worker after about this long.
   */
  JOB_LOCK_MS: positiveInt.min(1000).max(600_000).default(30_000),
  /**
   * How long a job waits through an outage of PostgreSQL or Redis (retrying with backoff) before it gives up and
   * fails its run, audit or action with the outage as the reason. At least an hour unless shortened for tests.
   */
  OUTAGE_GIVE_UP: duration.default(DURATION_UNITS_MS.h),
  /**
   * Directory of the built dashboard that the api serves at `/`; unset: the one this installation builds
   * (`apps/dashboard/dist`). `off` serves no dashboard.
   */
  DASHBOARD_DIR: z.string().min(1).optional(),
  /**
   * Factor on the wall-clock delays of the later transitions of router actions (a force-switchover's old
   * active coming back to STANDBY HOT after minutes): 1 is real time, 0.01 a hundred times faster, 0 at once.
   * The simulated durations the twin reports are not scaled.
   */
  TWIN_TIME_SCALE: z.coerce.number({ error: 'a number: 1 = real time, 0.01 = a hundred times faster, 0 = at once' }).min(0).max(100).default(1),
});

/** One parse worker per spare core, at least one and at most two: the request thread keeps a core of its own. */
function defaultParseWorkers(): number {
  return Math.min(2, Math.max(1, availableParallelism() - 1));
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export interface AppConfig {
  readonly database: {
    readonly url: string;
    readonly poolSize: number;
    /** URL of the session that LISTENs for key changes (`DATABASE_LISTEN_URL`, else `url`). */
    readonly listenUrl: string;
  };
  readonly redis: {
    readonly url: string;
    readonly queuePrefix: string;
    /** Seeds of a Redis Cluster (`REDIS_CLUSTER_NODES`); null: the single Redis of `url`. */
    readonly clusterNodes: readonly RedisClusterNode[] | null;
  };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimit: number;
    readonly importBodyLimit: number;
    /** Whole request (headers and body), ms (`HTTP_REQUEST_TIMEOUT_S`). */
    readonly requestTimeoutMs: number;
    /** Request line and headers, ms (`HTTP_HEADERS_TIMEOUT_S`), at most `requestTimeoutMs`. */
    readonly headersTimeoutMs: number;
  };
  /** GraphQL WebSockets (graphql-ws). */
  readonly websocket: { readonly initTimeoutMs: number; readonly maxSubscriptionsPerConnection: number; readonly maxConnectionsPerKey: number };
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly shutdownTimeoutMs: number;
  /** How long the api answers 503 on `/health/ready` after SIGTERM before closing its listener, ms. */
  readonly shutdownDrainDelayMs: number;
  /** The worker's HTTP server for probes and metrics; `null` when `WORKER_HTTP_PORT=off`. */
  readonly workerHttp: { readonly host: string; readonly port: number } | null;
  readonly seedSampleFleet: boolean;
  readonly auth: {
    /** The configured first admin key; a credential, so never log it. */
    readonly adminApiKey: string | undefined;
    /** How long a verified key stays accepted while PostgreSQL is unreachable, ms (`API_KEY_OUTAGE_GRACE_S`). */
    readonly outageGraceMs: number;
  };
  readonly rateLimit: { readonly perMinute: number };
  /**
   * The api's caches of verified keys and router trees, checked against the change epochs in Redis on every
   * request (`ChangeEpochReader`); `maxAgeMs` 0 turns them off (`READ_CACHE_MAX_AGE_S`, `READ_CACHE_MAX_ROUTERS`).
   */
  readonly readCache: { readonly maxAgeMs: number; readonly maxRouters: number };
  readonly cors: { readonly origins: readonly string[] };
  readonly metrics: { readonly public: boolean };
  readonly graphql: { readonly maxDepth: number; readonly maxComplexity: number; readonly maxQueryLength: number; readonly costPerKibParsed: number };
  /** The worker threads that parse scenario sources and device output, and the limits of every parse. */
  readonly parsing: {
    readonly workers: number;
    readonly timeLimitMs: number;
    readonly memoryLimitMb: number;
    readonly queueLimit: number;
  };
  readonly scenarios: { readonly maxSourceBytes: number; readonly maxSourcesPerRequest: number; readonly maxRequestBytes: number };
  readonly runs: {
    readonly workerConcurrency: number;
    readonly shardSize: number;
    /** Most target routers × iterations a run may ask for (`RUN_MAX_ROUTER_ITERATIONS`). */
    readonly maxRouterIterations: number;
    readonly reconcileIntervalMs: number;
    /** Finished runs are kept this many days (`RUN_RETENTION_DAYS`); 0: forever. */
    readonly retentionDays: number;
    /** Most finished runs kept (`RUN_RETENTION_MAX`); 0: any number. */
    readonly retentionMax: number;
    readonly jobLockMs: number;
    /** How long a job retries through a dependency outage before it fails, ms (`OUTAGE_GIVE_UP`). */
    readonly outageGiveUpMs: number;
  };
  readonly dashboard: {
    /** Where the built dashboard lies; `undefined`: the installation's own build; `null`: none is served. */
    readonly dir: string | null | undefined;
  };
  readonly twin: {
    /** Factor on the wall-clock delays of the later transitions of router actions (`TWIN_TIME_SCALE`). */
    readonly timeScale: number;
  };
  readonly observations: {
    /** Largest body of a bulk observation request, bytes (`OBSERVATIONS_BODY_LIMIT`). */
    readonly bodyLimit: number;
    /** Age after which a router's last observation makes it `stale`, ms (`OBSERVATION_STALE_AFTER`). */
    readonly staleAfterMs: number;
  };
}

/** Thrown when the environment is invalid; the message lists every offending variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the given environment (default: `process.env`) into the typed configuration. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const relevant = Object.fromEntries(Object.keys(ENV_SCHEMA.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = ENV_SCHEMA.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SHUTDOWN_DRAIN_DELAY_S >= e.SHUTDOWN_TIMEOUT_S) {
    throw new ConfigError(
      'invalid configuration:\n  SHUTDOWN_DRAIN_DELAY_S: must be less than SHUTDOWN_TIMEOUT_S (the drain delay is part of the shutdown time)',
    );
  }
  return {
    database: { url: e.DATABASE_URL, poolSize: e.DB_POOL_SIZE, listenUrl: e.DATABASE_LISTEN_URL ?? e.DATABASE_URL },
    redis: {
      url: e.REDIS_URL,
      queuePrefix: e.QUEUE_PREFIX,
      clusterNodes: e.REDIS_CLUSTER_NODES ?? null,
    },
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimit: e.HTTP_BODY_LIMIT,
      importBodyLimit: e.IMPORT_BODY_LIMIT,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_S * 1000,
      headersTimeoutMs: Math.min(e.HTTP_HEADERS_TIMEOUT_S, e.HTTP_REQUEST_TIMEOUT_S) * 1000,
    },
    websocket: {
      initTimeoutMs: e.WS_INIT_TIMEOUT_S * 1000,
      maxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxConnectionsPerKey: e.WS_MAX_CONNECTIONS_PER_KEY,
    },
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_S * 1000,
    shutdownDrainDelayMs: e.SHUTDOWN_DRAIN_DELAY_S * 1000,
    workerHttp: e.WORKER_HTTP_PORT === 'off' ? null : { host: e.WORKER_HTTP_HOST, port: e.WORKER_HTTP_PORT },
    seedSampleFleet: e.SEED_SAMPLE_FLEET,
    auth: { adminApiKey: e.ADMIN_API_KEY, outageGraceMs: e.API_KEY_OUTAGE_GRACE_S * 1000 },
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE },
    readCache: { maxAgeMs: e.READ_CACHE_MAX_AGE_S * 1000, maxRouters: e.READ_CACHE_MAX_ROUTERS },
    cors: { origins: e.CORS_ORIGINS },
    metrics: { public: e.METRICS_PUBLIC },
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxComplexity: e.GRAPHQL_MAX_COMPLEXITY,
      maxQueryLength: e.GRAPHQL_MAX_QUERY_LENGTH,
      costPerKibParsed: e.GRAPHQL_COST_PER_KIB_PARSED,
    },
    parsing: {
      workers: e.PARSE_WORKERS ?? defaultParseWorkers(),
      timeLimitMs: e.PARSE_TIME_LIMIT_MS,
      memoryLimitMb: e.PARSE_MEMORY_LIMIT_MB,
      queueLimit: e.PARSE_QUEUE_LIMIT,
    },
    scenarios: {
      maxSourceBytes: e.SCENARIO_MAX_SOURCE_BYTES,
      maxSourcesPerRequest: e.SCENARIO_MAX_SOURCES_PER_REQUEST,
      maxRequestBytes: e.SCENARIO_MAX_REQUEST_BYTES,
    },
    runs: {
      workerConcurrency: e.WORKER_CONCURRENCY,
      shardSize: e.RUN_SHARD_SIZE,
      maxRouterIterations: e.RUN_MAX_ROUTER_ITERATIONS,
      reconcileIntervalMs: e.RECONCILE_INTERVAL_S * 1000,
      retentionDays: e.RUN_RETENTION_DAYS,
      retentionMax: e.RUN_RETENTION_MAX,
      jobLockMs: e.JOB_LOCK_MS,
      outageGiveUpMs: e.OUTAGE_GIVE_UP,
    },
    dashboard: { dir: e.DASHBOARD_DIR === 'off' ? null : e.DASHBOARD_DIR },
    twin: { timeScale: e.TWIN_TIME_SCALE },
    observations: { bodyLimit: e.OBSERVATIONS_BODY_LIMIT, staleAfterMs: e.OBSERVATION_STALE_AFTER },
  };
}

/** Variables, defaults and meanings, for the README table and `--help` output. */
export const CONFIG_VARIABLES = Object.keys(ENV_SCHEMA.shape) as readonly (keyof typeof ENV_SCHEMA.shape)[];

/** A URL with its password replaced by `***`, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
