import { type ApiKeyInfo, ApiKeyService, type CreatedApiKey, type Page } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import { RequireRole } from './access.decorators.js';
import { CREATE_KEY, LIST_KEYS } from './key.schemas.js';
import { API_KEY, API_KEY_PAGE, CREATED_API_KEY } from './key.views.js';

/** API key management, for admins. The secret of a key is in the answer to its creation and nowhere else. */
@ApiTags('keys')
@Controller('keys')
export class KeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @RequireRole('admin')
  @Header('cache-control', 'no-store')
  @ApiOp({
    summary: 'Create an API key. The answer carries the key (`key`): it is shown this once, only its hash is kept',
    ok: { status: 201, description: 'the key with its secret', schema: CREATED_API_KEY },
    body: CREATE_KEY,
    problems: [400, 409],
  })
  create(@Body() body: unknown): Promise<CreatedApiKey> {
    const input = parseInput(CREATE_KEY, body, 'body');
    return this.keys.create(input.name, input.role);
  }

  @Get()
  @RequireRole('admin')
  @ApiOp({
    summary: 'List API keys (names, roles, prefixes and dates; never a secret)',
    ok: { status: 200, description: 'a page of keys', schema: API_KEY_PAGE },
    query: LIST_KEYS,
    problems: [400],
  })
  list(@Query() query: unknown): Promise<Page<ApiKeyInfo>> {
    return this.keys.list(parseInput(LIST_KEYS, query, 'query'));
  }

  @Get(':id')
  @RequireRole('admin')
  @ApiOp({ summary: 'An API key by id (never its secret)', ok: { status: 200, description: 'the key', schema: API_KEY }, problems: [404] })
  get(@Param('id') id: string): Promise<ApiKeyInfo> {
    return this.keys.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOp({ summary: 'Revoke an API key; every api process refuses it from the next request on', ok: { status: 204, description: 'revoked' }, problems: [404] })
  async revoke(@Param('id') id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
