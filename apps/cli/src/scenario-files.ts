import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Scenario } from '@asr-twin/domain';
import { formatScenarioError, formatScenarioWarning, parseScenario } from '@asr-twin/scenario';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './cli-io.js';

export interface LoadedScenario {
  /** The path as the user gave it (or relative to the working directory for glob matches). */
  readonly file: string;
  readonly source: string;
  readonly scenario: Scenario;
  readonly warnings: readonly string[];
}

export interface LoadOutcome {
  readonly loaded: readonly LoadedScenario[];
  /** `file:line:col: message` lines, one per problem, in file order. */
  readonly errors: readonly string[];
}

/**
 * The files named by the arguments: paths as given, globs (for shells that do not expand them, or quoted
 * ones) expanded and sorted. A glob that matches nothing is an error, as is a path that does not exist.
 */
export async function expandArguments(args: readonly string[], cwd: string): Promise<string[]> {
  if (args.length === 0) throw new UsageError('name at least one scenario file or glob');
  const files: string[] = [];
  for (const arg of args) {
    const exists = await stat(resolve(cwd, arg)).then(
      (s) => s.isFile(),
      () => false,
    );
    if (exists || !isDynamicPattern(arg)) {
      files.push(arg);
      continue;
    }
    const matches = (await glob(arg, { cwd, onlyFiles: true, absolute: true })).sort();
    if (matches.length === 0) throw new UsageError(`${arg}: no file matches`);
    files.push(...matches.map((m) => (isAbsolute(arg) ? m : relative(cwd, m))));
  }
  return [...new Set(files)];
}

/** Reads and validates every file; never throws for a bad file, collecting its errors instead. */
export async function loadScenarios(files: readonly string[], cwd: string): Promise<LoadOutcome> {
  const loaded: LoadedScenario[] = [];
  const errors: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(cwd, file));
    } catch (error) {
      const code = (error as { code?: string }).code ?? String(error);
      errors.push(`${file}: cannot read the file (${code})`);
      continue;
    }
    const result = parseScenario(bytes, file);
    if (!result.ok) {
      errors.push(...result.errors.map(formatScenarioError));
      continue;
    }
    loaded.push({ file, source: bytes.toString('utf8'), scenario: result.scenario, warnings: result.warnings.map(formatScenarioWarning) });
  }
  return { loaded, errors };
}
