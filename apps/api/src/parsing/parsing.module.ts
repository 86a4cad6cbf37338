import type { AppConfig } from '@asr-twin/config';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ObservationParser } from './observation-parser.js';
import { ParsePool } from './parse-pool.js';
import { SCENARIO_LIMITS_TOKEN, ScenarioSources } from './scenario-sources.js';

/** Stops the parse workers when the api stops. */
@Injectable()
class ParsePoolShutdown implements OnApplicationShutdown {
  constructor(@Inject(ParsePool) private readonly pool: ParsePool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * The parse workers and the services that parse untrusted text on them (scenario sources, device output),
 * for every feature module: infrastructure, like persistence.
 */
@Global()
@Module({})
export class ParsingModule {
  static forRoot(config: Pick<AppConfig, 'parsing' | 'scenarios'>): DynamicModule {
    return {
      module: ParsingModule,
      providers: [
        { provide: ParsePool, useFactory: () => new ParsePool(config.parsing) },
        { provide: SCENARIO_LIMITS_TOKEN, useValue: config.scenarios },
        ParsePoolShutdown,
        ScenarioSources,
        ObservationParser,
      ],
      exports: [ParsePool, SCENARIO_LIMITS_TOKEN, ScenarioSources, ObservationParser],
    };
  }
}
