import { NotFoundError } from '@asr-twin/domain';
import { CatalogPublisher, fleetChangeMessage } from '@asr-twin/jobs';
import { type Fleet, type FleetPatch, FleetRepository, type NewFleet, type Page, type PageRequest } from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';

/** Fleet management; each committed change is announced on the catalog channel (`fleetChanged`). */
@Injectable()
export class FleetService {
  constructor(
    private readonly fleets: FleetRepository,
    private readonly publisher: CatalogPublisher,
  ) {}

  async create(input: NewFleet, actor: string): Promise<Fleet> {
    const fleet = await this.fleets.create(input, actor);
    await this.publisher.announce(fleetChangeMessage(fleet, 'created'));
    return fleet;
  }

  async get(idOrName: string): Promise<Fleet> {
    const fleet = await this.fleets.find(idOrName);
    if (!fleet) throw new NotFoundError('fleet', idOrName);
    return fleet;
  }

  /** Fleets by id, in the order asked, null for unknown ids; one query for the whole batch. */
  async getMany(ids: readonly string[]): Promise<(Fleet | null)[]> {
    const byId = new Map((await this.fleets.findMany(ids)).map((f) => [f.id, f]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  list(page: PageRequest): Promise<Page<Fleet>> {
    return this.fleets.list(page);
  }

  async update(idOrName: string, patch: FleetPatch, actor: string): Promise<Fleet> {
    const fleet = await this.get(idOrName);
    const updated = await this.fleets.update(fleet.id, patch, actor);
    if (!updated) throw new NotFoundError('fleet', idOrName);
    await this.publisher.announce(fleetChangeMessage(updated, 'updated'));
    return updated;
  }

  /** Deletes the fleet with its routers; one `deleted` message stands for them all (no router-state message each). */
  async delete(idOrName: string, actor: string): Promise<void> {
    const fleet = await this.get(idOrName);
    if (!(await this.fleets.delete(fleet.id, actor))) throw new NotFoundError('fleet', idOrName);
    await this.publisher.announce(fleetChangeMessage(fleet, 'deleted'));
  }
}
