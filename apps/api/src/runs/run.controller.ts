import type { Page, StoredTimelineEntry } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/access.decorators.js';
import { Actor } from '../auth/actor.decorator.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { compressedDownload } from '../common/compressed-download.js';
import { parseInput } from '../common/validation.js';
import { presentRun, type RunView } from './run.presenter.js';
import { CREATE_RUN, IDEMPOTENCY_KEY, JUNIT_QUERY, LIST_RUNS, TIMELINE_QUERY } from './run.schemas.js';
import { RunService } from './run.service.js';
import { RUN, RUN_PAGE, RUN_REPORT, TIMELINE_PAGE } from './run.views.js';

@ApiTags('runs')
@Controller('runs')
export class RunController {
  constructor(private readonly runs: RunService) {}

  @Post()
  @HttpCode(202)
  @RequireRole('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried POST with the same key returns the same run' })
  @ApiOp({
    summary: 'Start a scenario run on a stored or inline scenario; 202 with the run (queued)',
    ok: { status: 202, description: 'the run, queued (or, for a replayed Idempotency-Key, as it is now)', schema: RUN },
    body: CREATE_RUN,
    problems: [400, 404, 409],
  })
  async create(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Actor() actor: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView> {
    const key = parseInput(IDEMPOTENCY_KEY, idempotencyKey, 'Idempotency-Key');
    const { run, created } = await this.runs.create(parseInput(CREATE_RUN, body, 'body'), actor, key);
    void reply.header('location', `/api/v1/runs/${run.id}`);
    if (!created) void reply.header('idempotent-replayed', 'true');
    return presentRun(run);
  }

  @Get()
  @RequireRole('viewer')
  @ApiOp({
    summary: 'List runs, newest first; filter by status (comma list)',
    ok: { status: 200, description: 'a page of runs', schema: RUN_PAGE },
    query: LIST_RUNS,
    problems: [400],
  })
  async list(@Query() query: unknown): Promise<Page<RunView>> {
    const q = parseInput(LIST_RUNS, query, 'query');
    const page = await this.runs.list(q.status, { limit: q.limit, offset: q.offset });
    return { ...page, items: page.items.map(presentRun) };
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'A run: status, progress, verdict and the aggregate (counts, p50/p95/max of each metric)',
    ok: { status: 200, description: 'the run', schema: RUN },
    problems: [404],
  })
  async get(@Param('id') id: string): Promise<RunView> {
    return presentRun(await this.runs.get(id));
  }

  @Get(':id/report')
  @RequireRole('viewer')
  @ApiOp({
    summary:
      'The report of a completed run (docs/report-format.md, schema docs/report.schema.json), streamed; gzip or br when Accept-Encoding allows (Vary: Accept-Encoding)',
    ok: { status: 200, description: 'the report', schema: RUN_REPORT },
    problems: [404, 409],
  })
  async report(
    @Param('id') id: string,
    @Headers('accept-encoding') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return compressedDownload(await this.runs.report(id), 'application/json; charset=utf-8', accept, reply);
  }

  @Get(':id/junit')
  @RequireRole('viewer')
  @ApiOp({
    summary:
      "JUnit XML of a completed run: one test case per router and expectation; with ?file=, each expectation's test case carries its file and line; gzip or br when Accept-Encoding allows",
    ok: {
      status: 200,
      description: 'JUnit XML',
      media: { 'application/xml': { type: 'string', description: 'JUnit XML: <testsuites> with one <testsuite> per iteration' } },
    },
    query: JUNIT_QUERY,
    problems: [400, 404, 409],
  })
  async junit(
    @Param('id') id: string,
    @Query() query: unknown,
    @Headers('accept-encoding') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const q = parseInput(JUNIT_QUERY, query, 'query');
    return compressedDownload(await this.runs.junit(id, q.file), 'application/xml; charset=utf-8', accept, reply);
  }

  @Get(':id/timeline')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'The timeline of a run (first iteration) in report order, paginated; filter by router',
    ok: { status: 200, description: 'a page of the timeline', schema: TIMELINE_PAGE },
    query: TIMELINE_QUERY,
    problems: [400, 404],
  })
  timeline(@Param('id') id: string, @Query() query: unknown): Promise<Page<StoredTimelineEntry>> {
    const q = parseInput(TIMELINE_QUERY, query, 'query');
    return this.runs.timeline(id, q.router ?? null, { limit: q.limit, offset: q.offset });
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Delete a run with its targets, results and timeline; a queued or running run is cancelled first',
    ok: { status: 204, description: 'deleted: nothing of the run is left' },
    problems: [404],
  })
  async delete(@Param('id') id: string): Promise<void> {
    await this.runs.delete(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Cancel a queued or running run (a finished run is returned unchanged)',
    ok: { status: 200, description: 'the run as it is now', schema: RUN },
    problems: [404],
  })
  async cancel(@Param('id') id: string): Promise<RunView> {
    return presentRun(await this.runs.cancel(id));
  }
}
