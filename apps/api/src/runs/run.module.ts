import { type DynamicModule, Module } from '@nestjs/common';
import { RunController } from './run.controller.js';
import { RUN_SHARD_SIZE, RunService } from './run.service.js';

@Module({})
export class RunModule {
  static forRoot(shardSize: number): DynamicModule {
    return {
      module: RunModule,
      controllers: [RunController],
      providers: [RunService, { provide: RUN_SHARD_SIZE, useValue: shardSize }],
      exports: [RunService],
    };
  }
}
