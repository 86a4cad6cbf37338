import { RUN_STATUSES } from '@asr-twin/persistence';
import { createRedis, routerStateChannel, runProgressChannel } from '@asr-twin/jobs';
import { ROUTER_HEALTH } from '@asr-twin/domain';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { PubSub } from 'mercurius';
import { z } from 'zod';

/** Topics of the in-process pub/sub that subscriptions listen on. */
export const RUN_PROGRESS_TOPIC = 'run-progress';
export const ROUTER_STATE_TOPIC = 'router-state';

/** What a topic carries: the event under the subscription field's name (graphql-js' default resolver). */
export type EventPayload<F extends string, E> = { readonly [K in F]: E };

/** Where the relay listens: Redis and the key prefix of this deployment. */
export const EVENT_RELAY_OPTIONS = Symbol('EVENT_RELAY_OPTIONS');
export interface EventRelayOptions {
  readonly redisUrl: string;
  readonly queuePrefix: string;
}

const RUN_PROGRESS = z.object({
  runId: z.string(),
  status: z.enum(RUN_STATUSES),
  routersDone: z.number().int(),
  routerCount: z.number().int().nullable(),
  verdict: z.enum(['pass', 'fail', 'error']).nullable(),
});

const ROUTER_STATE = z.object({
  routerId: z.string(),
  hostname: z.string(),
  fleetId: z.string(),
  health: z.enum(ROUTER_HEALTH),
  stateVersion: z.number().int(),
  at: z.string(),
  change: z.enum(['created', 'updated', 'deleted']),
  previousFleetId: z.string().nullish().transform((v) => v ?? null),
});

/**
 * Relays the Redis channels `<prefix>:run-progress` (published by workers) and `<prefix>:router-state`
 * (published after twin-state writes) into this process's GraphQL pub/sub, on one subscriber connection of
 * its own. Every api process does the same, so a subscription on any process sees every event, whichever
 * process or worker caused it. Malformed messages are dropped with a warning; Redis outages only delay
 * events (ioredis resubscribes on reconnect).
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('graphql-events');
  private subscriber: Redis | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(EVENT_RELAY_OPTIONS) private readonly options: EventRelayOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance & { graphql: { pubsub: PubSub } }>();
    const pubsub = fastify.graphql.pubsub;
    const runChannel = runProgressChannel(this.options.queuePrefix);
    const routerChannel = routerStateChannel(this.options.queuePrefix);
    const subscriber = createRedis(this.options.redisUrl, 'asr-twin-api-events');
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === runChannel) this.relay(pubsub, RUN_PROGRESS_TOPIC, 'runProgress', RUN_PROGRESS, text);
      else if (channel === routerChannel) this.relay(pubsub, ROUTER_STATE_TOPIC, 'routerStateChanged', ROUTER_STATE, text);
    });
    await subscriber.connect();
    await subscriber.subscribe(runChannel, routerChannel);
    this.subscriber = subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private relay(pubsub: PubSub, topic: string, field: string, schema: z.ZodType, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      this.logger.warn(`dropped a malformed ${topic} message: ${result.error.issues[0]?.message ?? 'not JSON'}`);
      return;
    }
    pubsub.publish({ topic, payload: { [field]: result.data } });
  }
}
