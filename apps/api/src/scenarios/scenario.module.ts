import { Module } from '@nestjs/common';
import { ScenarioController } from './scenario.controller.js';
import { ScenarioService } from './scenario.service.js';

@Module({ controllers: [ScenarioController], providers: [ScenarioService], exports: [ScenarioService] })
export class ScenarioModule {}
