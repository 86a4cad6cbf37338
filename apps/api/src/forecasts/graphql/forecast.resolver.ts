import type { ForecastStatus, Page } from '@asr-twin/persistence';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../../auth/actor.decorator.js';
import { parseInput } from '../../common/validation.js';
import { type ForecastView, presentForecast } from '../forecast.presenter.js';
import { CREATE_FORECAST } from '../forecast.schemas.js';
import { ForecastService } from '../forecast.service.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { given, labelRecord, orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import { CreateForecastInput, Forecast, ForecastPage } from './forecast.model.js';
import { RunStatusEnum } from '../../graphql/models/enums.js';

const MAX_FORECASTS_PAGE = 1000;

@Resolver(() => Forecast)
export class ForecastResolver {
  constructor(private readonly forecastService: ForecastService) {}

  @Query(() => ForecastPage, { complexity: pagedComplexity, description: 'Availability forecasts, newest first; filter by status. Role: viewer.' })
  @RequireGqlRole('viewer')
  async forecasts(
    @Args('status', { type: () => [RunStatusEnum], nullable: true }) status: ForecastStatus[] | null,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<ForecastView>> {
    const page = await this.forecastService.list(status && status.length > 0 ? status : undefined, pageOf({ limit, offset }, MAX_FORECASTS_PAGE));
    return { ...page, items: page.items.map(presentForecast) };
  }

  @Query(() => Forecast, {
    nullable: true,
    description: 'A forecast by id, with progress and (once completed) its summary; null when there is none. Role: viewer.',
  })
  @RequireGqlRole('viewer')
  async forecast(@Args('id', { type: () => ID }) id: string): Promise<ForecastView | null> {
    const forecast = await orNull(this.forecastService.get(id));
    return forecast && presentForecast(forecast);
  }

  @Mutation(() => Forecast, { description: 'Start a forecast, as POST /api/v1/forecasts: queued, then progress by forecastProgress. Role: operator.' })
  @RequireGqlRole('operator')
  async createForecast(@Args('input', { type: () => CreateForecastInput }) input: CreateForecastInput, @Actor() actor: string): Promise<ForecastView> {
    const { fleet, model, labels, hostnames, whatIf, rates, ...rest } = input;
    const body = {
      ...given(rest),
      selector: given({ fleet, model, hostnames, labels: labels ? labelRecord(labels) : null }),
      ...(whatIf == null ? {} : { whatIf: given({ ...whatIf }) }),
      ...(rates == null ? {} : { rates }),
    };
    return presentForecast(await this.forecastService.create(parseInput(CREATE_FORECAST, body, 'input'), actor));
  }

  @Mutation(() => Forecast, { description: 'Cancel a queued or running forecast (a finished one is returned unchanged). Role: operator.' })
  @RequireGqlRole('operator')
  async cancelForecast(@Args('id', { type: () => ID }) id: string): Promise<ForecastView> {
    return presentForecast(await this.forecastService.cancel(id));
  }
}
