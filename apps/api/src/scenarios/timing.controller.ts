import { CHASSIS_MODELS, timingProfileView, type TimingKeyView } from '@asr-twin/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../auth/access.decorators.js';
import { ApiOp } from '../common/api-docs.decorators.js';
import { parseInput } from '../common/validation.js';
import { TIMING_LIST } from './scenario.views.js';

/** `GET /timings?model=`: optional chassis model whose defaults to apply. */
export const TIMINGS_QUERY = z.strictObject({ model: z.enum(CHASSIS_MODELS).optional() });

/**
 * The timing profile (DESIGN.md "Timing profile"): every duration key the simulator draws, with its default,
 * distribution, meaning and source, as `twin timings --json` prints it.
 */
@ApiTags('scenarios')
@Controller('timings')
export class TimingController {
  @Get()
  @RequireRole('viewer')
  @ApiOp({
    summary:
      'Every timing key: default (ms), distribution, meaning, source and per-model defaults with their sources; with ?model= the default that model runs with',
    ok: { status: 200, description: 'every timing key', schema: TIMING_LIST },
    query: TIMINGS_QUERY,
    problems: [400],
  })
  list(@Query() query: unknown): { items: TimingKeyView[] } {
    const { model } = parseInput(TIMINGS_QUERY, query, 'query');
    return { items: timingProfileView(model) };
  }
}
