import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/access.decorators.js';
import { Actor } from '../auth/actor.decorator.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseImportBody } from './inventory-request.js';
import { CSV_CONTENT_TYPES, IMPORT_BODY_DOC, IMPORT_ROUTE } from './inventory.schemas.js';
import { type ImportReport, InventoryService } from './inventory.service.js';
import { IMPORT_REPORT } from './inventory.views.js';

@ApiTags('fleets')
@Controller()
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Post(IMPORT_ROUTE)
  @RequireRole('admin')
  @HttpCode(200)
  @ApiConsumes('application/json', ...CSV_CONTENT_TYPES)
  @ApiOp({
    summary:
      'Create or update routers in bulk, by hostname, from a CSV file (text/csv, header hostname,model,serial,version,redundancy,fleet,labels) ' +
      'or a NetBox device list (application/json, as GET /api/dcim/devices/ answers), or { format, content }. Each row is created, updated, ' +
      'unchanged or refused with its reason; at most 100,000 rows',
    ok: { status: 200, description: 'what happened to each row', schema: IMPORT_REPORT },
    body: IMPORT_BODY_DOC,
    problems: [400, 404, 409, 413, 415],
  })
  import(
    @Param('id') fleet: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Actor() actor: string,
  ): Promise<ImportReport> {
    return this.inventory.import(fleet, parseImportBody(body, contentType), actor);
  }
}
