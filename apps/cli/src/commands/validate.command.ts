import { type CliIo, EXIT, type ExitCode } from '../cli-io.js';
import { expandArguments, loadScenarios } from '../scenario-files.js';

export const VALIDATE_HELP = `usage: twin validate <files or globs…>

Checks scenario files against the scenario format without running them. Each problem is printed as
file:line:col: message. Exit code 0 when every file is valid, 2 otherwise.`;

export async function validateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const files = await expandArguments(args, io.cwd);
  const { loaded, errors } = await loadScenarios(files, io.cwd);
  for (const l of loaded) {
    for (const w of l.warnings) io.stderr.write(`${w}\n`);
    io.stdout.write(`${l.file}: valid (${l.scenario.metadata.name})\n`);
  }
  for (const e of errors) io.stderr.write(`${e}\n`);
  return errors.length === 0 ? EXIT.ok : EXIT.invalid;
}
