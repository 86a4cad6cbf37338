import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes.js';

/** A shell block of the README or `docs/` marked `<!-- doc-test: runnable -->` (or `runnable, exit N`). */
export interface RunnableBlock {
  /** `README.md:48`: the file and the line of the block's opening fence. */
  readonly where: string;
  readonly code: string;
  /** The status the block ends with: 0, or what the marker says (a command that fails on purpose). */
  readonly exit: number;
}

const MARKER = /<!-- doc-test: runnable(?:, exit (\d+))? -->\n/g;
const BLOCK = /<!-- doc-test: runnable(?:, exit (\d+))? -->\n```sh\n([\s\S]*?)^```$/gm;

/** The files whose command blocks may be marked runnable: the README and every page under `docs/`. */
export function documentationFiles(): readonly string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/**
 * Every runnable block of a file, in file order. A marker that is not directly followed by a ```sh block
 * throws, so a block cannot drop out of the test by an edit around its marker.
 */
export function runnableBlocks(file: string): readonly RunnableBlock[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks = [...text.matchAll(BLOCK)];
  const markers = [...text.matchAll(MARKER)];
  if (markers.length !== blocks.length) {
    const stray = markers.find((m) => !blocks.some((b) => b.index === m.index));
    const line = stray === undefined ? 0 : text.slice(0, stray.index).split('\n').length;
    throw new Error(`${file}:${line}: a doc-test marker must be followed directly by a \`\`\`sh block`);
  }
  return blocks.map((m) => ({
    where: `${file}:${text.slice(0, m.index).split('\n').length + 1}`,
    code: m[2] as string,
    exit: m[1] === undefined ? 0 : Number(m[1]),
  }));
}

/**
 * The bash script that runs one block as a reader pasting it into their shell would, after the blocks
 * before it: variables set by earlier blocks are kept (`set -a`, saved to `state` when the block ends), and
 * commands fail the block as they fail for the reader. `curl` answers an HTTP error status (`-s` hides it
 * from a reader's eye, not from the test), and a GraphQL answer with `errors`, as failures.
 */
export function blockScript(block: RunnableBlock, state: string, port: number): string {
  const code = block.code.replace(/\b(localhost|127\.0\.0\.1):3000\b/g, `$1:${port}`);
  return [
    'set -a',
    'shopt -s extglob',
    `[ -f '${state}' ] && . '${state}'`,
    `trap 'export -p > "${state}"' EXIT`,
    'curl() {',
    '  local out rc=0',
    '  out=$(command curl --fail-with-body "$@") || rc=$?',
    '  printf "%s\\n" "$out"',
    '  if [ $rc -ne 0 ]; then local args="$*"; echo "doc-test: curl ${args//Bearer +([^ ])/Bearer …} failed with status $rc" >&2; return $rc; fi',
    '  case "$*" in *graphql*) if printf "%s" "$out" | grep -q \'"errors"\'; then echo "doc-test: GraphQL answered errors" >&2; return 1; fi ;; esac',
    '}',
    'set -e -o pipefail',
    code,
  ].join('\n');
}
