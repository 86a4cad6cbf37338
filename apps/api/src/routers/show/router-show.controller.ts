import type { ShowCommand } from '@asr-twin/ios-cli';
import { applyDecorators, Controller, Get, Header, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../auth/access.decorators.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { RouterShowService } from './router-show.service.js';

const TEXT = 'text/plain; charset=utf-8';

/** Documents a show route: viewer access, plain-text IOS-XE output, 404 for an unknown router. */
function ShowRoute(command: ShowCommand): MethodDecorator {
  return applyDecorators(
    RequireRole('viewer'),
    Header('content-type', TEXT),
    ApiOp({
      summary: `\`${command}\` of the router (id or hostname), as IOS-XE prints it now`,
      ok: {
        status: 200,
        description: `the exact \`${command}\` output (no prompt; lines end in \\n; trailing spaces as on the device)`,
        media: { [TEXT]: { type: 'string', description: `IOS-XE \`${command}\` output` } },
      },
      problems: [404],
    }),
  );
}

/** `show` output of stored routers in IOS-XE format: the twin seen through a device's CLI. */
@ApiTags('routers')
@Controller('routers/:id/show')
export class RouterShowController {
  constructor(private readonly show: RouterShowService) {}

  @Get('redundancy')
  @ShowRoute('show redundancy')
  redundancy(@Param('id') id: string): Promise<string> {
    return this.show.render(id, 'show redundancy');
  }

  @Get('redundancy-states')
  @ShowRoute('show redundancy states')
  redundancyStates(@Param('id') id: string): Promise<string> {
    return this.show.render(id, 'show redundancy states');
  }

  @Get('version')
  @ShowRoute('show version')
  version(@Param('id') id: string): Promise<string> {
    return this.show.render(id, 'show version');
  }

  @Get('platform')
  @ShowRoute('show platform')
  platform(@Param('id') id: string): Promise<string> {
    return this.show.render(id, 'show platform');
  }
}
