import { type DynamicModule, Module } from '@nestjs/common';
import { RunController } from './run.controller.js';
import { RUN_SETTINGS, RunService, type RunSettings } from './run.service.js';

@Module({})
export class RunModule {
  static forRoot(settings: RunSettings): DynamicModule {
    return {
      module: RunModule,
      controllers: [RunController],
      providers: [RunService, { provide: RUN_SETTINGS, useValue: settings }],
      exports: [RunService],
    };
  }
}
