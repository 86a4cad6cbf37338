import type { Page } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/access.decorators.js';
import { Actor } from '../auth/actor.decorator.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { addVary, chooseEncoding, compressedDownload } from '../common/compressed-download.js';
import { parseInput } from '../common/validation.js';
import { type ForecastView, presentForecast } from './forecast.presenter.js';
import { CREATE_FORECAST, LIST_FORECASTS } from './forecast.schemas.js';
import { ForecastService } from './forecast.service.js';
import { FORECAST, FORECAST_PAGE, FORECAST_REPORT } from './forecast.views.js';

const JSON_TYPE = 'application/json; charset=utf-8';

@ApiTags('forecasts')
@Controller('forecasts')
export class ForecastController {
  constructor(private readonly forecasts: ForecastService) {}

  @Post()
  @HttpCode(202)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Start an availability forecast of the selected routers from their stored configuration, optionally with a what-if; 202 (queued)',
    ok: { status: 202, description: 'the forecast, queued', schema: FORECAST },
    body: CREATE_FORECAST,
    problems: [400],
  })
  async create(@Body() body: unknown, @Actor() actor: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ForecastView> {
    const forecast = await this.forecasts.create(parseInput(CREATE_FORECAST, body, 'body'), actor);
    void reply.header('location', `/api/v1/forecasts/${forecast.id}`);
    return presentForecast(forecast);
  }

  @Get()
  @RequireRole('viewer')
  @ApiOp({
    summary: 'List forecasts, newest first; filter by status (comma list)',
    ok: { status: 200, description: 'a page of forecasts', schema: FORECAST_PAGE },
    query: LIST_FORECASTS,
    problems: [400],
  })
  async list(@Query() query: unknown): Promise<Page<ForecastView>> {
    const q = parseInput(LIST_FORECASTS, query, 'query');
    const page = await this.forecasts.list(q.status, { limit: q.limit, offset: q.offset });
    return { ...page, items: page.items.map(presentForecast) };
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'A forecast: status, progress and (once completed) its summary: worst routers with causes, roll-ups, comparison',
    ok: { status: 200, description: 'the forecast', schema: FORECAST },
    problems: [404],
  })
  async get(@Param('id') id: string): Promise<ForecastView> {
    return presentForecast(await this.forecasts.get(id));
  }

  @Get(':id/report')
  @RequireRole('viewer')
  @ApiOp({
    summary:
      'The report of a completed forecast (schema asr-twin/forecast-report/v1), the bytes an embedded forecast of the same routers and options gives; gzip or br when Accept-Encoding allows',
    ok: { status: 200, description: 'the report', schema: FORECAST_REPORT },
    problems: [404, 409],
  })
  async report(
    @Param('id') id: string,
    @Headers('accept-encoding') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const report = await this.forecasts.report(id);
    if (chooseEncoding(accept) !== 'gzip') return compressedDownload(report.text(), JSON_TYPE, accept, reply);
    // Stored gzip-compressed: sent as it is.
    addVary(reply, 'Accept-Encoding');
    void reply.header('content-encoding', 'gzip');
    return new StreamableFile(report.gzip, { type: JSON_TYPE });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Cancel a queued or running forecast (a finished one is returned unchanged)',
    ok: { status: 200, description: 'the forecast as it is now', schema: FORECAST },
    problems: [404],
  })
  async cancel(@Param('id') id: string): Promise<ForecastView> {
    return presentForecast(await this.forecasts.cancel(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Delete a forecast with its routers, results and report; a queued or running forecast is cancelled first',
    ok: { status: 204, description: 'deleted' },
    problems: [404],
  })
  async delete(@Param('id') id: string): Promise<void> {
    await this.forecasts.delete(id);
  }
}
