import { Module } from '@nestjs/common';
import { ScenarioController } from './scenario.controller.js';
import { ScenarioService } from './scenario.service.js';
import { TimingController } from './timing.controller.js';

@Module({ controllers: [ScenarioController, TimingController], providers: [ScenarioService], exports: [ScenarioService] })
export class ScenarioModule {}
