import { type DynamicModule, Module } from '@nestjs/common';
import { RunDiagnosisController } from './run-diagnosis.controller.js';
import { RunDiagnosisService } from './run-diagnosis.service.js';
import { RunController } from './run.controller.js';
import { RUN_SETTINGS, RunService, type RunSettings } from './run.service.js';

@Module({})
export class RunModule {
  static forRoot(settings: RunSettings): DynamicModule {
    return {
      module: RunModule,
      controllers: [RunController, RunDiagnosisController],
      providers: [RunService, RunDiagnosisService, { provide: RUN_SETTINGS, useValue: settings }],
      exports: [RunService, RunDiagnosisService],
    };
  }
}
