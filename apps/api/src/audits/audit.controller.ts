import type { AuditMatrixRow, Page } from '@asr-twin/persistence';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../auth/access.decorators.js';
import { Actor } from '../auth/actor.decorator.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { compressedDownload } from '../common/compressed-download.js';
import { parseInput } from '../common/validation.js';
import { type AuditView, presentAudit } from './audit.presenter.js';
import { CREATE_AUDIT, LIST_AUDITS, MATRIX_QUERY } from './audit.schemas.js';
import { AuditService } from './audit.service.js';
import { AUDIT, AUDIT_MATRIX_PAGE, AUDIT_PAGE, AUDIT_REPORT } from './audit.views.js';

@ApiTags('audits')
@Controller('audits')
export class AuditController {
  constructor(private readonly audits: AuditService) {}

  @Post()
  @HttpCode(202)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Start a risk audit: every single fault on every selected router, from its stored state; 202 (queued)',
    ok: { status: 202, description: 'the audit, queued', schema: AUDIT },
    body: CREATE_AUDIT,
    problems: [400],
  })
  async create(@Body() body: unknown, @Actor() actor: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuditView> {
    const audit = await this.audits.create(parseInput(CREATE_AUDIT, body, 'body'), actor);
    void reply.header('location', `/api/v1/audits/${audit.id}`);
    return presentAudit(audit);
  }

  @Get()
  @RequireRole('viewer')
  @ApiOp({
    summary: 'List audits, newest first; filter by status (comma list)',
    ok: { status: 200, description: 'a page of audits', schema: AUDIT_PAGE },
    query: LIST_AUDITS,
    problems: [400],
  })
  async list(@Query() query: unknown): Promise<Page<AuditView>> {
    const q = parseInput(LIST_AUDITS, query, 'query');
    const page = await this.audits.list(q.status, { limit: q.limit, offset: q.offset });
    return { ...page, items: page.items.map(presentAudit) };
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'An audit: status, progress and (once completed) the exposure summary by cell and by cause',
    ok: { status: 200, description: 'the audit', schema: AUDIT },
    problems: [404],
  })
  async get(@Param('id') id: string): Promise<AuditView> {
    return presentAudit(await this.audits.get(id));
  }

  @Get(':id/matrix')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'A page of the router × fault matrix in hostname order; exposed=true for exposed routers only',
    ok: { status: 200, description: 'a page of the matrix', schema: AUDIT_MATRIX_PAGE },
    query: MATRIX_QUERY,
    problems: [400, 404],
  })
  matrix(@Param('id') id: string, @Query() query: unknown): Promise<Page<AuditMatrixRow>> {
    const q = parseInput(MATRIX_QUERY, query, 'query');
    return this.audits.matrix(id, q.exposed ?? false, { limit: q.limit, offset: q.offset });
  }

  @Get(':id/report')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'The report of a completed audit (summary and the whole matrix), streamed JSON; gzip or br when Accept-Encoding allows',
    ok: { status: 200, description: 'the report', schema: AUDIT_REPORT },
    problems: [404, 409],
  })
  async report(
    @Param('id') id: string,
    @Headers('accept-encoding') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return compressedDownload(await this.audits.report(id), 'application/json; charset=utf-8', accept, reply);
  }

  @Get(':id/junit')
  @RequireRole('viewer')
  @ApiOp({
    summary: 'JUnit XML of a completed audit: one test case per router × fault, failing when exposed; gzip or br when Accept-Encoding allows',
    ok: {
      status: 200,
      description: 'JUnit XML',
      media: { 'application/xml': { type: 'string', description: 'JUnit XML: one <testcase> per router × fault' } },
    },
    problems: [404, 409],
  })
  async junit(
    @Param('id') id: string,
    @Headers('accept-encoding') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return compressedDownload(await this.audits.junit(id), 'application/xml; charset=utf-8', accept, reply);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOp({
    summary: 'Cancel a queued or running audit (a finished one is returned unchanged)',
    ok: { status: 200, description: 'the audit as it is now', schema: AUDIT },
    problems: [404],
  })
  async cancel(@Param('id') id: string): Promise<AuditView> {
    return presentAudit(await this.audits.cancel(id));
  }
}
