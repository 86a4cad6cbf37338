import type { ChangeRecord, Page } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../auth/access.decorators.js';
import { Actor } from '../auth/actor.decorator.js';
import { ChangeEpoch } from '../cache/change-epoch.decorator.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import type { RouterTree } from './router.presenter.js';
import { parseAddRoutersBody, toRouterFilter } from './router.requests.js';
import { LIST_CHANGES, LIST_ROUTERS, ROUTER_INPUT, ROUTER_LIST_BODY, GENERATE_BODY, UPDATE_ROUTER } from './router.schemas.js';
import { type AddRoutersResult, type RouterListItem, RouterService } from './router.service.js';
import { ADD_ROUTERS_RESULT, CHANGE_PAGE, ROUTER_PAGE, ROUTER_TREE } from './router.views.js';

const ADD_ROUTERS_DOC = z.union([ROUTER_INPUT, z.array(ROUTER_INPUT), ROUTER_LIST_BODY, GENERATE_BODY]);

@ApiTags('routers')
@Controller()
export class RouterController {
  constructor(private readonly routers: RouterService) {}

  @Post('fleets/:id/routers')
  @RequireRole('admin')
  @ApiOp({
    summary: 'Add routers to a fleet: one router, a list (`[...]` or `{ routers: [...] }`), or `{ generate: { count, models } }`',
    ok: { status: 201, description: 'the routers created', schema: ADD_ROUTERS_RESULT },
    body: ADD_ROUTERS_DOC,
    problems: [400, 404, 409, 413],
  })
  add(@Param('id') fleet: string, @Body() body: unknown, @Actor() actor: string): Promise<AddRoutersResult> {
    const request = parseAddRoutersBody(body);
    return request.kind === 'generate' ? this.routers.generate(fleet, request.spec, actor) : this.routers.addRouters(fleet, request.routers, actor);
  }

  @Get('routers')
  @RequireRole('viewer')
  @ApiOp({
    summary:
      'List routers; filter by fleet (id or name), model, health, freshness (fresh, stale, never), label (key=value) and hostname prefix q. ' +
      'Each row carries observedAt, observedCommand and freshness.',
    ok: { status: 200, description: 'a page of routers', schema: ROUTER_PAGE },
    query: LIST_ROUTERS,
    problems: [400],
  })
  list(@Query() query: unknown): Promise<Page<RouterListItem>> {
    const q = parseInput(LIST_ROUTERS, query, 'query');
    return this.routers.list(toRouterFilter(q), { limit: q.limit, offset: q.offset });
  }

  @Get('routers/:id')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'A router (by id or hostname) with its whole tree: chassis, RPs, Linux hosts, KVM, IOS instances, ESPs',
    ok: { status: 200, description: 'the router tree', schema: ROUTER_TREE },
    problems: [404],
  })
  @Header('content-type', 'application/json; charset=utf-8')
  get(@Param('id') id: string, @ChangeEpoch('twin') twinEpoch: string | null): Promise<Buffer> {
    return this.routers.getCachedJson(id, twinEpoch);
  }

  @Patch('routers/:id')
  @RequireRole('admin')
  @ApiOp({
    summary: 'Move a router to another fleet, or change its serial or labels',
    ok: { status: 200, description: 'the router tree after the change', schema: ROUTER_TREE },
    body: UPDATE_ROUTER,
    problems: [400, 404],
  })
  update(@Param('id') id: string, @Body() body: unknown, @Actor() actor: string): Promise<RouterTree> {
    return this.routers.update(id, parseInput(UPDATE_ROUTER, body, 'body'), actor);
  }

  @Delete('routers/:id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOp({ summary: 'Delete a router', ok: { status: 204, description: 'deleted' }, problems: [404] })
  async delete(@Param('id') id: string, @Actor() actor: string): Promise<void> {
    await this.routers.delete(id, actor);
  }

  @Get('routers/:id/changes')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'The change log of a router, newest first',
    ok: { status: 200, description: 'a page of the change log', schema: CHANGE_PAGE },
    query: LIST_CHANGES,
    problems: [400, 404],
  })
  changes(@Param('id') id: string, @Query() query: unknown): Promise<Page<ChangeRecord>> {
    return this.routers.changes(id, parseInput(LIST_CHANGES, query, 'query'));
  }
}
