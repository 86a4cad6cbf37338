import { NotFoundError } from '@asr-twin/domain';
import {
  type CauseGroup,
  type FailingExpectation,
  type Page,
  type PageRequest,
  type ResultFilter,
  type RouterDiagnosis,
  type RouterResultRecord,
  RunRepository,
} from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import { RunService } from './run.service.js';

/** Failing routers shown with each failing expectation. */
export const EXPECTATION_SAMPLES = 5;

/** Why a run's routers failed: failing expectations, cause groups, filtered results, one router's outcome. */
@Injectable()
export class RunDiagnosisService {
  constructor(
    private readonly runs: RunRepository,
    private readonly runService: RunService,
  ) {}

  async failingExpectations(runId: string, page: PageRequest): Promise<Page<FailingExpectation>> {
    const run = await this.runService.get(runId);
    return this.runs.failingExpectations(run.id, EXPECTATION_SAMPLES, page);
  }

  async causeGroups(runId: string, page: PageRequest): Promise<Page<CauseGroup>> {
    const run = await this.runService.get(runId);
    return this.runs.causeGroups(run.id, page);
  }

  async results(runId: string, filter: ResultFilter, page: PageRequest): Promise<Page<RouterResultRecord>> {
    const run = await this.runService.get(runId);
    return this.runs.resultPage(run.id, filter, page);
  }

  async router(runId: string, hostname: string): Promise<RouterDiagnosis> {
    const run = await this.runService.get(runId);
    const found = await this.runs.routerDiagnosis(run.id, hostname);
    if (!found) throw new NotFoundError(`result of run ${run.id} for router`, hostname);
    return found;
  }
}
