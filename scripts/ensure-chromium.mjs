// The dashboard's browser tests and benchmark drive Debian's Chromium (/usr/bin/chromium) through
// playwright-core, which never downloads a browser. When it is missing, this installs Debian's `chromium`
// package if it can (root with apt-get, as on CI), so that `npm test` passes on a fresh machine; otherwise it
// says how to install it and lets the tests run (the browser tests then fail with the same advice).
// `--required` makes a failed install an error (for .ci/run).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const required = process.argv.includes('--required');

function install() {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return 'not root with apt-get';
  process.stdout.write(`installing Debian's chromium for the dashboard's browser tests (apt-get)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    if (result.status !== 0) return `apt-get ${args[0]} failed:\n${(result.stderr || result.stdout || '').trim().split('\n').slice(-20).join('\n')}`;
  }
  return existsSync(CHROMIUM) ? null : `the chromium package installed no ${CHROMIUM}`;
}

if (!existsSync(CHROMIUM)) {
  const failure = install();
  if (failure !== null) {
    process.stderr.write(
      `${CHROMIUM} is missing (${failure}). The dashboard's browser tests need it: ` +
        `run \`sudo apt-get install -y chromium\` (Debian or Ubuntu), then run the tests again.\n`,
    );
    if (required) process.exit(1);
  } else {
    const version = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
    process.stdout.write(`installed ${version}\n`);
  }
}
