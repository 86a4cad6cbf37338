import type { AuditProgressMessage, ForecastProgressMessage, RouterStateMessage, RunProgressMessage } from '@asr-twin/jobs';
import type { AuthenticatedKey } from '@asr-twin/persistence';
import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import type { SubscriptionContext } from 'mercurius';
import { KeyChangeListener } from '../../auth/key-change.listener.js';
import { endOnKeyChange } from '../end-on-key-change.js';
import { releasingSlot, type SubscriptionSlots, takeSubscriptionSlot } from '../websocket-limits.js';
import { RequireGqlRole } from '../gql-access.decorator.js';
import { CurrentKey } from '../gql-auth.decorators.js';
import { AuditProgressEvent } from '../../audits/graphql/audit.model.js';
import { ForecastProgressEvent } from '../../forecasts/graphql/forecast.model.js';
import { FleetEvent, RouterStateEvent, RunProgressEvent, ScenarioEvent } from '../models/events.model.js';
import {
  AUDIT_PROGRESS_TOPIC,
  FORECAST_PROGRESS_TOPIC,
  type EventPayload,
  FLEET_TOPIC,
  type FleetEventData,
  ROUTER_STATE_TOPIC,
  RUN_PROGRESS_TOPIC,
  SCENARIO_TOPIC,
  type ScenarioEventData,
} from '../event-relay.service.js';

type RunProgressPayload = EventPayload<'runProgress', RunProgressMessage>;
type AuditProgressPayload = EventPayload<'auditProgress', AuditProgressMessage>;
type ForecastProgressPayload = EventPayload<'forecastProgress', ForecastProgressMessage>;
type RouterStatePayload = EventPayload<'routerStateChanged', Omit<RouterStateMessage, 'previousFleetId'> & { previousFleetId: string | null }>;
type FleetPayload = EventPayload<'fleetChanged', FleetEventData>;
type ScenarioPayload = EventPayload<'scenarioChanged', ScenarioEventData>;

/**
 * Live events, relayed from Redis pub/sub by every api process (see {@link EventRelay}), so a client of any
 * process sees what any worker or process published. A subscription ends with `UNAUTHENTICATED` as soon as
 * its key is revoked or changed.
 */
@Resolver()
export class EventResolver {
  constructor(private readonly keys: KeyChangeListener) {}

  @Subscription(() => RunProgressEvent, {
    description: 'Progress of one run (runId) or of every run (no argument), up to its final status. Role: viewer.',
    filter: (payload: RunProgressPayload, args: { runId?: string | null }) => args.runId == null || payload.runProgress.runId === args.runId,
  })
  @RequireGqlRole('viewer')
  runProgress(
    @Args('runId', { type: () => ID, nullable: true }) _runId: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
    @Context('subscriptions') slots: SubscriptionSlots | undefined,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<AsyncIterable<RunProgressPayload>> {
    return this.live(pubsub, pubsub.subscribe<RunProgressPayload>(RUN_PROGRESS_TOPIC), key, slots);
  }

  @Subscription(() => AuditProgressEvent, {
    description: 'Progress of one risk audit (auditId) or of every audit (no argument), up to its final status. Role: viewer.',
    filter: (payload: AuditProgressPayload, args: { auditId?: string | null }) => args.auditId == null || payload.auditProgress.auditId === args.auditId,
  })
  @RequireGqlRole('viewer')
  auditProgress(
    @Args('auditId', { type: () => ID, nullable: true }) _auditId: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
    @Context('subscriptions') slots: SubscriptionSlots | undefined,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<AsyncIterable<AuditProgressPayload>> {
    return this.live(pubsub, pubsub.subscribe<AuditProgressPayload>(AUDIT_PROGRESS_TOPIC), key, slots);
  }

  @Subscription(() => ForecastProgressEvent, {
    description: 'Progress of one forecast (forecastId) or of every forecast (no argument), up to its final status. Role: viewer.',
    filter: (payload: ForecastProgressPayload, args: { forecastId?: string | null }) =>
      args.forecastId == null || payload.forecastProgress.forecastId === args.forecastId,
  })
  @RequireGqlRole('viewer')
  forecastProgress(
    @Args('forecastId', { type: () => ID, nullable: true }) _forecastId: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
    @Context('subscriptions') slots: SubscriptionSlots | undefined,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<AsyncIterable<ForecastProgressPayload>> {
    return this.live(pubsub, pubsub.subscribe<ForecastProgressPayload>(FORECAST_PROGRESS_TOPIC), key, slots);
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
    @Context('subscriptions') slots: SubscriptionSlots | undefined,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<AsyncIterable<RouterStatePayload>> {
    return this.live(pubsub, pubsub.subscribe<RouterStatePayload>(ROUTER_STATE_TOPIC), key, slots);
  }

  @Subscription(() => FleetEvent, {
    description:
      'Fleets created, updated, deleted (with their routers), and routers added to a fleet (one event per insert, whatever its size): of one fleet (fleet: its id) or of every fleet. Role: viewer.',
    filter: (payload: FleetPayload, args: { fleet?: string | null }) => args.fleet == null || payload.fleetChanged.fleetId === args.fleet,
  })
  @RequireGqlRole('viewer')
  fleetChanged(
    @Args('fleet', { type: () => ID, nullable: true }) _fleet: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
    @Context('subscriptions') slots: SubscriptionSlots | undefined,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<AsyncIterable<FleetPayload>> {
    return this.live(pubsub, pubsub.subscribe<FleetPayload>(FLEET_TOPIC), key, slots);
  }

  @Subscription(() => ScenarioEvent, {
    description: 'Stored scenarios created, updated or deleted: one scenario (scenario: its id) or every scenario. Role: viewer.',
    filter: (payload: ScenarioPayload, args: { scenario?: string | null }) => args.scenario == null || payload.scenarioChanged.scenarioId === args.scenario,
  })
  @RequireGqlRole('viewer')
  scenarioChanged(
    @Args('scenario', { type: () => ID, nullable: true }) _scenario: string | null,
    @Context('pubsub') pubsub: SubscriptionContext,
    @Context('subscriptions') slots: SubscriptionSlots | undefined,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<AsyncIterable<ScenarioPayload>> {
    return this.live(pubsub, pubsub.subscribe<ScenarioPayload>(SCENARIO_TOPIC), key, slots);
  }

  /** A subscription's events: one slot of its connection taken (or refused) first, given back when it ends. */
  private async live<T>(
    pubsub: SubscriptionContext,
    events: Promise<AsyncIterable<T>>,
    key: AuthenticatedKey,
    slots: SubscriptionSlots | undefined,
  ): Promise<AsyncIterable<T>> {
    takeSubscriptionSlot(slots);
    try {
      return releasingSlot(
        endOnKeyChange(await events, key, this.keys, () => pubsub.close()),
        slots,
      );
    } catch (error) {
      if (slots !== undefined) slots.active--;
      throw error;
    }
  }
}
