import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor } from '../../auth/actor.decorator.js';
import { importRequestOf } from '../inventory-request.js';
import type { ImportFormat } from '../inventory-rows.js';
import { type ImportReport, InventoryService } from '../inventory.service.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { InventoryFormatEnum } from '../../graphql/models/enums.js';
import { InventoryImport } from './inventory.model.js';

@Resolver()
export class InventoryResolver {
  constructor(private readonly inventory: InventoryService) {}

  @Mutation(() => InventoryImport, {
    description:
      'Create or update routers in bulk by hostname, as POST /fleets/:id/import: content is the CSV text or the NetBox device list as JSON text. Role: admin.',
  })
  @RequireGqlRole('admin')
  importInventory(
    @Args('fleet', { type: () => ID }) fleet: string,
    @Args('format', { type: () => InventoryFormatEnum }) format: ImportFormat,
    @Args('content', { type: () => String }) content: string,
    @Actor() actor: string,
  ): Promise<ImportReport> {
    return this.inventory.import(fleet, importRequestOf({ format, content }), actor);
  }
}
