import type {
  CauseGroup as CauseRecord,
  FailingExpectation as FailingRecord,
  Page,
  RouterDiagnosis as DiagnosisRecord,
  RouterResultRecord,
  RunVerdict,
} from '@asr-twin/persistence';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { parseInput } from '../../common/validation.js';
import { RunDiagnosisService } from '../run-diagnosis.service.js';
import { RESULT_FILTER_FIELDS } from '../run.schemas.js';
import { RunService } from '../run.service.js';
import { orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import { Verdict } from '../../graphql/models/enums.js';
import { CauseGroupPage, FailingExpectationPage, RouterDiagnosis } from './run-diagnosis.model.js';
import { Run, RouterResultPage } from './run.model.js';
import type { GqlRunView } from './run.presenter.js';

const MAX_RESULTS_PAGE = 10_000;
const MAX_DIAGNOSIS_PAGE = 1000;
const { q: SEARCH, ...FILTERS } = RESULT_FILTER_FIELDS;
const RESULT_FILTER = z.strictObject({ ...FILTERS, search: SEARCH });

/** Why a run's routers failed: the run's results, filtered, and what they have in common. */
@Resolver(() => Run)
export class RunDiagnosisResolver {
  constructor(
    private readonly runService: RunService,
    private readonly diagnosis: RunDiagnosisService,
  ) {}

  @ResolveField(() => RouterResultPage, {
    complexity: pagedComplexity,
    description:
      'Results of the first iteration, in router order; filter by verdict, model, mode, starting state, failed expectation and hostname part (search)',
  })
  results(
    @Parent() run: GqlRunView,
    @Args('verdict', { type: () => Verdict, nullable: true }) verdict: RunVerdict | null,
    @Args('model', { type: () => String, nullable: true }) model: string | null,
    @Args('mode', { type: () => String, nullable: true, description: 'Operating redundancy mode it started in' }) mode: string | null,
    @Args('start', { type: () => String, nullable: true, description: 'Starting state in words, as a cause group spells it' }) start: string | null,
    @Args('expectation', { type: () => String, nullable: true, description: 'An expectation that failed on it' }) expectation: string | null,
    @Args('search', { type: () => String, nullable: true, description: 'Part of the hostname, case-insensitive' }) search: string | null,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<RouterResultRecord>> {
    const given = Object.fromEntries(Object.entries({ verdict, model, mode, start, expectation, search }).filter(([, v]) => v !== null && v !== undefined));
    return this.runService.results(run.id, parseInput(RESULT_FILTER, given, 'arguments'), pageOf({ limit, offset }, MAX_RESULTS_PAGE));
  }

  @ResolveField(() => FailingExpectationPage, {
    complexity: pagedComplexity,
    description: 'Expectations that failed on routers of the first iteration, most failures first, with samples of observed value and limit',
  })
  failingExpectations(
    @Parent() run: GqlRunView,
    @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<FailingRecord>> {
    return this.diagnosis.failingExpectations(run.id, pageOf({ limit, offset }, MAX_DIAGNOSIS_PAGE));
  }

  @ResolveField(() => CauseGroupPage, {
    complexity: pagedComplexity,
    description:
      'Results grouped by model, operating mode, starting state and failed expectation (groups with failures only): most failures first, then the purest',
  })
  causeGroups(
    @Parent() run: GqlRunView,
    @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<CauseRecord>> {
    return this.diagnosis.causeGroups(run.id, pageOf({ limit, offset }, MAX_DIAGNOSIS_PAGE));
  }

  @ResolveField(() => RouterDiagnosis, { nullable: true, description: 'Why one router got its verdict; null when the run has no result for it' })
  routerResult(@Parent() run: GqlRunView, @Args('hostname', { type: () => String }) hostname: string): Promise<DiagnosisRecord | null> {
    return orNull(this.diagnosis.router(run.id, hostname));
  }
}
