import type { CauseGroup, FailingExpectation, Page, RouterDiagnosis, RouterResultRecord } from '@asr-twin/persistence';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/access.decorators.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import { CAUSE_GROUP_PAGE, FAILING_EXPECTATION_PAGE, ROUTER_DIAGNOSIS, RUN_RESULT_PAGE } from './run-diagnosis.views.js';
import { RunDiagnosisService } from './run-diagnosis.service.js';
import { DIAGNOSIS_PAGE_QUERY, RESULTS_QUERY } from './run.schemas.js';

/** Why a run's routers failed, over every result of its first iteration. */
@ApiTags('runs')
@Controller('runs')
export class RunDiagnosisController {
  constructor(private readonly diagnosis: RunDiagnosisService) {}

  @Get(':id/failures')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'The expectations that failed, most failures first: routers failed and evaluated, observed range, and samples with observed value and limit',
    ok: { status: 200, description: 'a page of failing expectations', schema: FAILING_EXPECTATION_PAGE },
    query: DIAGNOSIS_PAGE_QUERY,
    problems: [400, 404],
  })
  failures(@Param('id') id: string, @Query() query: unknown): Promise<Page<FailingExpectation>> {
    return this.diagnosis.failingExpectations(id, parseInput(DIAGNOSIS_PAGE_QUERY, query, 'query'));
  }

  @Get(':id/causes')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'Results grouped by model, operating mode, starting state and failed expectation, with failed and total counts (groups with failures only)',
    ok: { status: 200, description: 'a page of cause groups', schema: CAUSE_GROUP_PAGE },
    query: DIAGNOSIS_PAGE_QUERY,
    problems: [400, 404],
  })
  causes(@Param('id') id: string, @Query() query: unknown): Promise<Page<CauseGroup>> {
    return this.diagnosis.causeGroups(id, parseInput(DIAGNOSIS_PAGE_QUERY, query, 'query'));
  }

  @Get(':id/results')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'Results of the first iteration in router order; filter by verdict, model, mode, starting state, failed expectation, and hostname part (q)',
    ok: { status: 200, description: 'a page of results', schema: RUN_RESULT_PAGE },
    query: RESULTS_QUERY,
    problems: [400, 404],
  })
  results(@Param('id') id: string, @Query() query: unknown): Promise<Page<RouterResultRecord>> {
    const { limit, offset, q, ...filter } = parseInput(RESULTS_QUERY, query, 'query');
    return this.diagnosis.results(id, { ...filter, ...(q === undefined ? {} : { search: q }) }, { limit, offset });
  }

  @Get(':id/results/:hostname')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'Why one router got its verdict: its starting state, metrics, and every expectation with observed value and limit',
    ok: { status: 200, description: "the router's outcome", schema: ROUTER_DIAGNOSIS },
    problems: [404],
  })
  router(@Param('id') id: string, @Param('hostname') hostname: string): Promise<RouterDiagnosis> {
    return this.diagnosis.router(id, hostname);
  }
}
