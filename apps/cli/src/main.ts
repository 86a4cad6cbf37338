import { withDotEnv } from '@asr-twin/config';
import { runCli } from './cli.js';

// A reader that stops early (`twin run … | head`) closes the pipe: stop quietly, as other command-line tools do,
// instead of dying on an unhandled EPIPE. Any other output error is an infrastructure error (exit 3).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 3));
}

let env: Readonly<Record<string, string | undefined>>;
try {
  env = withDotEnv(process.env);
} catch (error) {
  process.stderr.write(`twin: ${(error as Error).message}\n`);
  process.exit(2);
}
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env });
process.exitCode = code;
