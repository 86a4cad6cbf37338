import type { Page, StoredScenario } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/access.decorators.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import { SCENARIO_BODY_TYPES, SCENARIOS_ROUTE, scenarioSourceOf } from './scenario-body.js';
import type { ScenarioCheck } from '../parsing/scenario-sources.js';
import { LIST_SCENARIOS, SCENARIO_BODY } from './scenario.schemas.js';
import { ScenarioService } from './scenario.service.js';
import { SCENARIO_CHECK, SCENARIO_PAGE, STORED_SCENARIO } from './scenario.views.js';

@ApiTags('scenarios')
@Controller(SCENARIOS_ROUTE)
export class ScenarioController {
  constructor(private readonly scenarios: ScenarioService) {}

  @Post('validate')
  @HttpCode(200)
  @ApiConsumes(...SCENARIO_BODY_TYPES)
  @RequireRole('viewer')
  @ApiOp({
    summary: 'Check a scenario (YAML text or { source }) and list every error with line and column; stores nothing',
    ok: { status: 200, description: 'the errors and warnings (valid: no error)', schema: SCENARIO_CHECK },
    body: SCENARIO_BODY,
    problems: [400, 413, 422],
  })
  async validate(@Body() body: unknown): Promise<ScenarioCheck> {
    const { scenario: _model, ...check } = await this.scenarios.validate(scenarioSourceOf(body));
    return check;
  }

  @Post()
  @ApiConsumes(...SCENARIO_BODY_TYPES)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Store a scenario (YAML text or { source }); its source is kept verbatim',
    ok: { status: 201, description: 'the stored scenario', schema: STORED_SCENARIO },
    body: SCENARIO_BODY,
    problems: [400, 409, 413, 422],
  })
  create(@Body() body: unknown): Promise<StoredScenario> {
    return this.scenarios.create(scenarioSourceOf(body));
  }

  @Get()
  @RequireRole('viewer')
  @ApiOp({
    summary: 'List stored scenarios',
    ok: { status: 200, description: 'a page of scenarios', schema: SCENARIO_PAGE },
    query: LIST_SCENARIOS,
    problems: [400],
  })
  list(@Query() query: unknown): Promise<Page<Omit<StoredScenario, 'source' | 'parsed'>>> {
    return this.scenarios.list(parseInput(LIST_SCENARIOS, query, 'query'));
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'A stored scenario by id or name, with its source and parsed model',
    ok: { status: 200, description: 'the scenario', schema: STORED_SCENARIO },
    problems: [404],
  })
  get(@Param('id') id: string): Promise<StoredScenario> {
    return this.scenarios.get(id);
  }

  @Put(':id')
  @ApiConsumes(...SCENARIO_BODY_TYPES)
  @RequireRole('operator')
  @ApiOp({
    summary: "Replace a scenario's source",
    ok: { status: 200, description: 'the scenario as stored now', schema: STORED_SCENARIO },
    body: SCENARIO_BODY,
    problems: [400, 404, 409, 413, 422],
  })
  replace(@Param('id') id: string, @Body() body: unknown): Promise<StoredScenario> {
    return this.scenarios.replace(id, scenarioSourceOf(body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('operator')
  @ApiOp({ summary: 'Delete a scenario (its runs keep their copy)', ok: { status: 204, description: 'deleted' }, problems: [404] })
  async delete(@Param('id') id: string): Promise<void> {
    await this.scenarios.delete(id);
  }
}
