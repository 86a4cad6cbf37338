import { NotFoundError } from '@asr-twin/domain';
import { CatalogPublisher, scenarioChangeMessage } from '@asr-twin/jobs';
import { type Page, type PageRequest, ScenarioRepository, type StoredScenario } from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import { type ScenarioCheck, ScenarioSources } from '../parsing/scenario-sources.js';

/** Stored scenarios; each committed change is announced on the catalog channel (`scenarioChanged`). */
@Injectable()
export class ScenarioService {
  constructor(
    private readonly scenarios: ScenarioRepository,
    private readonly publisher: CatalogPublisher,
    private readonly sources: ScenarioSources,
  ) {}

  /** Every error and warning of a source, without storing anything. */
  validate(source: string): Promise<ScenarioCheck> {
    return this.sources.check(source);
  }

  async create(source: string): Promise<StoredScenario> {
    const created = await this.scenarios.create({ source, parsed: await this.sources.requireValid(source) });
    await this.publisher.announce(scenarioChangeMessage(created, 'created'));
    return created;
  }

  async get(idOrName: string): Promise<StoredScenario> {
    const scenario = await this.scenarios.find(idOrName);
    if (!scenario) throw new NotFoundError('scenario', idOrName);
    return scenario;
  }

  /** Scenarios by id, in the order asked, null for unknown ids; one query for the batch. */
  async getMany(ids: readonly string[]): Promise<(StoredScenario | null)[]> {
    const byId = new Map((await this.scenarios.findMany(ids)).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  list(page: PageRequest): Promise<Page<Omit<StoredScenario, 'source' | 'parsed'>>> {
    return this.scenarios.list(page);
  }

  async replace(idOrName: string, source: string): Promise<StoredScenario> {
    const parsed = await this.sources.requireValid(source);
    const existing = await this.get(idOrName);
    const updated = await this.scenarios.replace(existing.id, { source, parsed });
    if (!updated) throw new NotFoundError('scenario', idOrName);
    await this.publisher.announce(scenarioChangeMessage(updated, 'updated'));
    return updated;
  }

  async delete(idOrName: string): Promise<void> {
    const existing = await this.get(idOrName);
    if (!(await this.scenarios.delete(existing.id))) throw new NotFoundError('scenario', idOrName);
    await this.publisher.announce(scenarioChangeMessage(existing, 'deleted'));
  }
}
