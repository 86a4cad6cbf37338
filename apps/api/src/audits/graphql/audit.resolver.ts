import type { AuditStatus, Page } from '@asr-twin/persistence';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditService } from '../audit.service.js';
import { CREATE_AUDIT } from '../audit.schemas.js';
import { Actor } from '../../auth/actor.decorator.js';
import { parseInput } from '../../common/validation.js';
import { RequireGqlRole } from '../../graphql/gql-access.decorator.js';
import { given, labelRecord, orNull, pagedComplexity, pageOf } from '../../graphql/graphql-inputs.js';
import { Audit, AuditPage, AuditRouterRowPage, StartAuditInput } from './audit.model.js';
import { RunStatusEnum } from '../../graphql/models/enums.js';
import { type GqlAuditView, presentGqlAudit, presentGqlRow } from './audit.presenter.js';

const MAX_AUDITS_PAGE = 1000;
/** A whole 10,000-router matrix fits one page (the dashboard's heat map reads it so). */
const MAX_MATRIX_PAGE = 10_000;

@Resolver(() => Audit)
export class AuditResolver {
  constructor(private readonly auditService: AuditService) {}

  @Query(() => AuditPage, { complexity: pagedComplexity, description: 'Risk audits, newest first; filter by status. Role: viewer.' })
  @RequireGqlRole('viewer')
  async audits(
    @Args('status', { type: () => [RunStatusEnum], nullable: true }) status: AuditStatus[] | null,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<Page<GqlAuditView>> {
    const page = await this.auditService.list(status && status.length > 0 ? status : undefined, pageOf({ limit, offset }, MAX_AUDITS_PAGE));
    return { ...page, items: page.items.map(presentGqlAudit) };
  }

  @Query(() => Audit, { nullable: true, description: 'A risk audit by id; null when there is none. Role: viewer.' })
  @RequireGqlRole('viewer')
  async audit(@Args('id', { type: () => ID }) id: string): Promise<GqlAuditView | null> {
    const audit = await orNull(this.auditService.get(id));
    return audit && presentGqlAudit(audit);
  }

  @Mutation(() => Audit, { description: 'Start a risk audit, as POST /api/v1/audits: queued, then progress by auditProgress. Role: operator.' })
  @RequireGqlRole('operator')
  async startAudit(@Args('input', { type: () => StartAuditInput }) input: StartAuditInput, @Actor() actor: string): Promise<GqlAuditView> {
    const { fleet, model, labels, hostnames, faults, dataPlaneOutageMs, controlPlaneOutageMs, ...rest } = input;
    const thresholds = given({ dataPlaneOutageMs, controlPlaneOutageMs });
    const body = {
      ...given(rest),
      selector: given({ fleet, model, hostnames, labels: labels ? labelRecord(labels) : null }),
      ...(faults == null ? {} : { faults }),
      ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
    };
    return presentGqlAudit(await this.auditService.create(parseInput(CREATE_AUDIT, body, 'input'), actor));
  }

  @Mutation(() => Audit, { description: 'Cancel a queued or running audit (a finished one is returned unchanged). Role: operator.' })
  @RequireGqlRole('operator')
  async cancelAudit(@Args('id', { type: () => ID }) id: string): Promise<GqlAuditView> {
    return presentGqlAudit(await this.auditService.cancel(id));
  }

  @ResolveField(() => AuditRouterRowPage, { complexity: pagedComplexity, description: 'The router × fault matrix in hostname order, paginated' })
  async matrix(
    @Parent() audit: GqlAuditView,
    @Args('exposedOnly', { type: () => Boolean, defaultValue: false }) exposedOnly: boolean,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ) {
    const page = await this.auditService.matrix(audit.id, exposedOnly, pageOf({ limit, offset }, MAX_MATRIX_PAGE));
    return { ...page, items: page.items.map((row) => presentGqlRow(row, audit.cells)) };
  }
}
