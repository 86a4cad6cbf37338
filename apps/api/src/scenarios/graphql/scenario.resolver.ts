import type { Page, StoredScenario } from '@asr-twin/persistence';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { parseInput } from '../../common/validation.js';
import { SCENARIO_SOURCE } from '../scenario.schemas.js';
import { ScenarioService } from '../scenario.service.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import type { Loaders } from '../../graphql/loaders.js';
import { Scenario, ScenarioError, ScenarioPage, ScenarioValidation } from './scenario.model.js';

type ScenarioSummary = Omit<StoredScenario, 'source' | 'parsed'> & { source?: string };

const MAX_SCENARIOS_PAGE = 1000;

const sourceOf = (source: string): string => parseInput(SCENARIO_SOURCE, source, 'source');

@Resolver(() => Scenario)
export class ScenarioResolver {
  constructor(private readonly scenarioService: ScenarioService) {}

  @Query(() => ScenarioPage, { complexity: pagedComplexity, description: 'Stored scenarios by name. Role: viewer.' })
  @RequireGqlRole('viewer')
  scenarios(
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<ScenarioSummary>> {
    return this.scenarioService.list(pageOf({ limit, offset }, MAX_SCENARIOS_PAGE));
  }

  @Query(() => Scenario, { nullable: true, description: 'A stored scenario by id or name; null when there is none. Role: viewer.' })
  @RequireGqlRole('viewer')
  scenario(@Args('id', { type: () => ID }) id: string): Promise<StoredScenario | null> {
    return orNull(this.scenarioService.get(id));
  }

  @Query(() => ScenarioValidation, { description: 'Every error of a scenario source with line and column; stores nothing. Role: viewer.' })
  @RequireGqlRole('viewer')
  async validateScenario(@Args('source', { type: () => String }) source: string): Promise<ScenarioValidation> {
    const check = await this.scenarioService.validate(sourceOf(source));
    const errors: ScenarioError[] = check.errors.map((e) => ({ line: e.line, column: e.column, path: e.path, code: e.code, message: e.message }));
    return { valid: check.valid, errors };
  }

  @Mutation(() => Scenario, { description: 'Store a scenario (YAML or JSON source, kept verbatim). Role: operator.' })
  @RequireGqlRole('operator')
  createScenario(@Args('source', { type: () => String }) source: string): Promise<StoredScenario> {
    return this.scenarioService.create(sourceOf(source));
  }

  @Mutation(() => Scenario, { description: "Replace a scenario's source (by id or name). Role: operator." })
  @RequireGqlRole('operator')
  updateScenario(@Args('id', { type: () => ID }) id: string, @Args('source', { type: () => String }) source: string): Promise<StoredScenario> {
    return this.scenarioService.replace(id, sourceOf(source));
  }

  @Mutation(() => Boolean, { description: 'Delete a scenario (by id or name); its runs keep their copy. Role: operator.' })
  @RequireGqlRole('operator')
  async deleteScenario(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.scenarioService.delete(id);
    return true;
  }

  @ResolveField(() => String, { description: 'The source as stored, verbatim' })
  async source(@Parent() scenario: ScenarioSummary, @Context('loaders') loaders: Loaders): Promise<string> {
    if (scenario.source !== undefined) return scenario.source;
    return (await loaders.scenario.load(scenario.id))?.source ?? '';
  }
}
