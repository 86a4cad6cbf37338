import { CHASSIS_MODELS, defaultSoftwareVersion, hardwareProblems, isChassisModel, isRedundancyMode, type RedundancyMode } from '@asr-twin/domain';
import { defaultShowContext, renderShow, SHOW_COMMANDS, type ShowCommand } from '@asr-twin/ios-cli';
import { type CliIo, EXIT, type ExitCode, UsageError } from '../cli-io.js';

export const SHOW_HELP = `usage: twin show <model> <command> [--hostname NAME] [--redundancy sso|rpr|none] [--version X]

Prints what a freshly booted twin router of that model answers to the command.
  model     ${CHASSIS_MODELS.join(', ')}
  command   redundancy, redundancy-states, version, platform (or the full "show …" text)`;

const ALIASES: Readonly<Record<string, ShowCommand>> = {
  redundancy: 'show redundancy',
  'redundancy-states': 'show redundancy states',
  'redundancy states': 'show redundancy states',
  version: 'show version',
  platform: 'show platform',
};

function commandOf(text: string): ShowCommand {
  const normalised = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const command = (SHOW_COMMANDS as readonly string[]).includes(normalised) ? (normalised as ShowCommand) : ALIASES[normalised.replace(/^show /, '')];
  if (!command) throw new UsageError(`unknown show command "${text}"; expected one of ${Object.keys(ALIASES).join(', ')}`);
  return command;
}

export interface ShowOptions {
  readonly model: string;
  readonly command: string;
  readonly hostname: string;
  readonly redundancy: string;
  /** Absent: the model's default release (3.16.10S on the ASR1001 and ASR1002, else 17.3.4a). */
  readonly version?: string;
}

export function showCommand(options: ShowOptions, io: CliIo): ExitCode {
  if (!isChassisModel(options.model)) {
    throw new UsageError(`unknown model "${options.model}"; expected one of ${CHASSIS_MODELS.join(', ')}`);
  }
  if (!isRedundancyMode(options.redundancy)) {
    throw new UsageError(`unknown redundancy mode "${options.redundancy}"; expected sso, rpr or none`);
  }
  const command = commandOf(options.command);
  const softwareVersion = options.version ?? defaultSoftwareVersion(options.model);
  // A release the model's RP or ESP has no image for (domain §8.11) is not a router the twin prints.
  const impossible = hardwareProblems(options.model, softwareVersion, undefined)[0];
  if (impossible) throw new UsageError(`impossible ${options.model} on ${softwareVersion}: ${impossible.message}`);
  const ctx = defaultShowContext({
    hostname: options.hostname,
    model: options.model,
    redundancyMode: options.redundancy as RedundancyMode,
    softwareVersion,
  });
  io.stdout.write(renderShow(command, ctx));
  return EXIT.ok;
}

export const SHOW_DEFAULTS = { hostname: 'Router', redundancy: 'sso' } as const;
