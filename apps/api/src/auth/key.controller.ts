import { type ApiKeyInfo, ApiKeyService, type CreatedApiKey, type Page } from '@asr-twin/persistence';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import { RequireRole } from './access.decorators.js';
import { CREATE_KEY, LIST_KEYS } from './key.schemas.js';

/** API key management, for admins. The secret of a key is in the answer to its creation and nowhere else. */
@ApiTags('keys')
@Controller('keys')
export class KeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @RequireRole('admin')
  @Header('cache-control', 'no-store')
  @ApiOp({ summary: 'Create an API key. The answer carries the key (`key`): it is shown this once, only its hash is kept', body: CREATE_KEY, problems: [400, 409] })
  create(@Body() body: unknown): Promise<CreatedApiKey> {
    const input = parseInput(CREATE_KEY, body, 'body');
    return this.keys.create(input.name, input.role);
  }

  @Get()
  @RequireRole('admin')
  @ApiOp({ summary: 'List API keys (names, roles, prefixes and dates; never a secret)', query: LIST_KEYS })
  list(@Query() query: unknown): Promise<Page<ApiKeyInfo>> {
    return this.keys.list(parseInput(LIST_KEYS, query, 'query'));
  }

  @Get(':id')
  @RequireRole('admin')
  @ApiOp({ summary: 'An API key by id (never its secret)', problems: [404] })
  get(@Param('id') id: string): Promise<ApiKeyInfo> {
    return this.keys.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOp({ summary: 'Revoke an API key; every api process refuses it from the next request on', problems: [404] })
  async revoke(@Param('id') id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
