import type { RouterStateMessage, RunProgressMessage } from '@asr-twin/jobs';
import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import type { SubscriptionContext } from 'mercurius';
import { RequireGqlRole } from '../gql-access.decorator.js';
import { RouterStateEvent, RunProgressEvent } from '../models/events.model.js';
import { type EventPayload, ROUTER_STATE_TOPIC, RUN_PROGRESS_TOPIC } from '../event-relay.service.js';

type RunProgressPayload = EventPayload<'runProgress', RunProgressMessage>;
type RouterStatePayload = EventPayload<'routerStateChanged', Omit<RouterStateMessage, 'previousFleetId'> & { previousFleetId: string | null }>;

/**
 * Live events, relayed from Redis pub/sub by every api process (see {@link EventRelay}), so a client of any
 * process sees what any worker or process published.
 */
@Resolver()
export class EventResolver {
  @Subscription(() => RunProgressEvent, {
    description: 'Progress of one run (runId) or of every run (no argument), up to its final status. Role: viewer.',
    filter: (payload: RunProgressPayload, args: { runId?: string | null }) => args.runId == null || payload.runProgress.runId === args.runId,
  })
  @RequireGqlRole('viewer')
  runProgress(
    @Args('runId', { type: () => ID, nullable: true }) _runId: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
  ): Promise<AsyncIterable<RunProgressPayload>> {
    return pubsub.subscribe<RunProgressPayload>(RUN_PROGRESS_TOPIC);
  }

  @Subscription(() => RouterStateEvent, {
    description:
      'Committed changes of twin state: of one router (routerId), of one fleet (fleet: its id; a router moving out counts too), or of every router. Role: viewer.',
    filter: (payload: RouterStatePayload, args: { routerId?: string | null; fleet?: string | null }) =>
      (args.routerId == null || payload.routerStateChanged.routerId === args.routerId) &&
      (args.fleet == null || payload.routerStateChanged.fleetId === args.fleet || payload.routerStateChanged.previousFleetId === args.fleet),
  })
  @RequireGqlRole('viewer')
  routerStateChanged(
    @Args('routerId', { type: () => ID, nullable: true }) _routerId: string | null,
    @Args('fleet', { type: () => ID, nullable: true }) _fleet: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
  ): Promise<AsyncIterable<RouterStatePayload>> {
    return pubsub.subscribe<RouterStatePayload>(ROUTER_STATE_TOPIC);
  }
}
