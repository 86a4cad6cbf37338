import { RUN_STATUSES, RUN_VERDICTS } from '@asr-twin/persistence';
import {
  auditProgressChannel,
  forecastProgressChannel,
  catalogChannel,
  type ChannelSubscription,
  type RedisTarget,
  routerStateChannel,
  runProgressChannel,
  subscribeChannels,
} from '@asr-twin/jobs';
import { ROUTER_HEALTH } from '@asr-twin/domain';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { PubSub } from 'mercurius';
import { z } from 'zod';

/** Topics of the in-process pub/sub that subscriptions listen on. */
export const RUN_PROGRESS_TOPIC = 'run-progress';
export const AUDIT_PROGRESS_TOPIC = 'audit-progress';
export const FORECAST_PROGRESS_TOPIC = 'forecast-progress';
export const ROUTER_STATE_TOPIC = 'router-state';
export const FLEET_TOPIC = 'fleet-changed';
export const SCENARIO_TOPIC = 'scenario-changed';

/** What a topic carries: the event under the subscription field's name (graphql-js' default resolver). */
export type EventPayload<F extends string, E> = { readonly [K in F]: E };

/** Where the relay listens: Redis and the key prefix of this deployment. */
export const EVENT_RELAY_OPTIONS = Symbol('EVENT_RELAY_OPTIONS');
export interface EventRelayOptions {
  readonly redis: RedisTarget;
  readonly queuePrefix: string;
}

const RUN_PROGRESS = z.object({
  runId: z.string(),
  status: z.enum(RUN_STATUSES),
  routersDone: z.number().int(),
  routerCount: z.number().int().nullable(),
  verdict: z.enum(RUN_VERDICTS).nullable(),
  deleted: z.boolean().default(false),
});

const AUDIT_PROGRESS = z.object({
  auditId: z.string(),
  status: z.enum(RUN_STATUSES),
  routersDone: z.number().int(),
  routerCount: z.number().int().nullable(),
  exposedRouters: z.number().int(),
});

const FORECAST_PROGRESS = z.object({
  forecastId: z.string(),
  status: z.enum(RUN_STATUSES),
  routersDone: z.number().int(),
  routerCount: z.number().int().nullable(),
});

const ROUTER_STATE = z.object({
  routerId: z.string(),
  hostname: z.string(),
  fleetId: z.string(),
  health: z.enum(ROUTER_HEALTH),
  stateVersion: z.number().int(),
  at: z.string(),
  change: z.enum(['created', 'updated', 'deleted']),
  previousFleetId: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});

const FLEET_CHANGE = z.object({
  entity: z.literal('fleet'),
  fleetId: z.string(),
  name: z.string(),
  at: z.iso.datetime(),
  change: z.enum(['created', 'updated', 'deleted', 'routersAdded', 'routersObserved']),
  count: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  routersAnnounced: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
});

const SCENARIO_CHANGE = z.object({
  entity: z.literal('scenario'),
  scenarioId: z.string(),
  name: z.string(),
  at: z.iso.datetime(),
  change: z.enum(['created', 'updated', 'deleted']),
  revision: z.number().int().positive(),
});

const CATALOG = z.discriminatedUnion('entity', [FLEET_CHANGE, SCENARIO_CHANGE]);

/** A fleet change as `fleetChanged` delivers it (the optional fields of other changes are null). */
export type FleetEventData = z.output<typeof FLEET_CHANGE>;
export type ScenarioEventData = z.output<typeof SCENARIO_CHANGE>;

/**
 * Relays the Redis channels `<prefix>:run-progress`, `<prefix>:audit-progress` and `<prefix>:forecast-progress` (published by workers), `<prefix>:router-state`
 * (published after twin-state writes) and `<prefix>:catalog` (fleet and scenario changes, split here into the
 * `fleetChanged` and `scenarioChanged` topics) into this process's GraphQL pub/sub, on one subscriber
 * connection of its own. Every api process does the same, so a subscription on any process sees every event,
 * whichever process or worker caused it. Malformed messages are dropped with a warning; Redis outages only
 * delay events (ioredis resubscribes on reconnect). On a Redis Cluster the channels are sharded (SSUBSCRIBE).
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('graphql-events');
  private subscription: ChannelSubscription | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(EVENT_RELAY_OPTIONS) private readonly options: EventRelayOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance & { graphql: { pubsub: PubSub } }>();
    const pubsub = fastify.graphql.pubsub;
    const prefix = this.options.queuePrefix;
    const handlers = new Map<string, (text: string) => void>([
      [runProgressChannel(prefix), (text) => this.relay(pubsub, RUN_PROGRESS_TOPIC, 'runProgress', this.parse('run-progress', RUN_PROGRESS, text))],
      [auditProgressChannel(prefix), (text) => this.relay(pubsub, AUDIT_PROGRESS_TOPIC, 'auditProgress', this.parse('audit-progress', AUDIT_PROGRESS, text))],
      [
        forecastProgressChannel(prefix),
        (text) => this.relay(pubsub, FORECAST_PROGRESS_TOPIC, 'forecastProgress', this.parse('forecast-progress', FORECAST_PROGRESS, text)),
      ],
      [routerStateChannel(prefix), (text) => this.relay(pubsub, ROUTER_STATE_TOPIC, 'routerStateChanged', this.parse('router-state', ROUTER_STATE, text))],
      [catalogChannel(prefix), (text) => this.relayCatalog(pubsub, this.parse('catalog', CATALOG, text))],
    ]);
    this.subscription = await subscribeChannels(this.options.redis, 'asr-twin-api-events', [...handlers.keys()], (channel, text) =>
      handlers.get(channel)?.(text),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  private relayCatalog(pubsub: PubSub, message: z.output<typeof CATALOG> | undefined): void {
    if (message?.entity === 'fleet') this.relay(pubsub, FLEET_TOPIC, 'fleetChanged', message);
    else if (message?.entity === 'scenario') this.relay(pubsub, SCENARIO_TOPIC, 'scenarioChanged', message);
  }

  private relay(pubsub: PubSub, topic: string, field: string, event: unknown): void {
    if (event !== undefined) pubsub.publish({ topic, payload: { [field]: event } });
  }

  /** The message if it is JSON that fits the schema; otherwise undefined, with a warning. */
  private parse<S extends z.ZodType>(what: string, schema: S, text: string): z.output<S> | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = schema.safeParse(parsed);
    if (result.success) return result.data;
    this.logger.warn(`dropped a malformed ${what} message: ${result.error.issues[0]?.message ?? 'not JSON'}`);
    return undefined;
  }
}
