import type { Fleet, Page } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/access.decorators.js';
import { Actor } from '../auth/actor.decorator.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import { CREATE_FLEET, LIST_FLEETS, UPDATE_FLEET } from './fleet.schemas.js';
import { FleetService } from './fleet.service.js';
import { FLEET, FLEET_PAGE } from './fleet.views.js';

@ApiTags('fleets')
@Controller('fleets')
export class FleetController {
  constructor(private readonly fleets: FleetService) {}

  @Post()
  @RequireRole('admin')
  @ApiOp({ summary: 'Create a fleet', ok: { status: 201, description: 'the fleet created', schema: FLEET }, body: CREATE_FLEET, problems: [400, 409] })
  create(@Body() body: unknown, @Actor() actor: string): Promise<Fleet> {
    return this.fleets.create(parseInput(CREATE_FLEET, body, 'body'), actor);
  }

  @Get()
  @RequireRole('viewer')
  @ApiOp({
    summary: 'List fleets with router counts by health',
    ok: { status: 200, description: 'a page of fleets', schema: FLEET_PAGE },
    query: LIST_FLEETS,
    problems: [400],
  })
  list(@Query() query: unknown): Promise<Page<Fleet>> {
    return this.fleets.list(parseInput(LIST_FLEETS, query, 'query'));
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOp({ summary: 'Get a fleet by id or name', ok: { status: 200, description: 'the fleet', schema: FLEET }, problems: [404] })
  get(@Param('id') id: string): Promise<Fleet> {
    return this.fleets.get(id);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOp({ summary: 'Change a fleet', ok: { status: 200, description: 'the fleet changed', schema: FLEET }, body: UPDATE_FLEET, problems: [400, 404, 409] })
  update(@Param('id') id: string, @Body() body: unknown, @Actor() actor: string): Promise<Fleet> {
    return this.fleets.update(id, parseInput(UPDATE_FLEET, body, 'body'), actor);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOp({ summary: 'Delete a fleet and its routers', ok: { status: 204, description: 'deleted' }, problems: [404] })
  async delete(@Param('id') id: string, @Actor() actor: string): Promise<void> {
    await this.fleets.delete(id, actor);
  }
}
