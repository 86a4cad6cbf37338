import { NotFoundError } from '@asr-twin/domain';
import { renderShow, type ShowCommand } from '@asr-twin/ios-cli';
import { RouterRepository } from '@asr-twin/persistence';
import { Injectable } from '@nestjs/common';
import { showContextOf } from './show-context.factory.js';

@Injectable()
export class RouterShowService {
  constructor(private readonly routers: RouterRepository) {}

  /**
   * The output `command` prints on the stored router (by id or hostname) now, in IOS-XE format: no prompt, each
   * line ending in `\n`. Uptimes are read from the wall clock at the time of the request.
   */
  async render(idOrHostname: string, command: ShowCommand): Promise<string> {
    const router = await this.routers.findDetail(idOrHostname);
    if (!router) throw new NotFoundError('router', idOrHostname);
    return renderShow(command, showContextOf(router, Date.now()));
  }
}
