import type { SourcePosition } from '@asr-twin/domain';
import { Composer, LineCounter, Parser, type CST, type Document, type YAMLError } from 'yaml';
import type { Diagnostics, Issue } from './diagnostics.js';
import type { ScenarioErrorCode } from './scenario-error.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import type { SourceNode } from './source-node.js';
import { YamlConverter } from './yaml-converter.js';

/**
 * Parses YAML (or JSON, which is YAML) into a positioned {@link SourceNode} tree, reporting problems to
 * `diagnostics`. Syntax errors stop here (undefined is returned): validating a half-parsed document would
 * bury them under follow-on noise. Never throws.
 */
export function yamlToSource(text: string, diagnostics: Diagnostics): SourceNode | undefined {
  const badCharacter = findBadCharacter(text);
  if (badCharacter !== undefined) return reject(diagnostics, badCharacter);
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const tooDeep = findTooDeep(tokens);
  if (tooDeep !== undefined) {
    const message = `maps and lists nest deeper than ${SCENARIO_LIMITS.maxDepth} levels; a scenario needs 5`;
    return reject(diagnostics, { code: 'nesting-too-deep', path: '', message, pos: toPos(lineCounter, tooDeep) });
  }
  const doc = composeFirst(tokens, text.length, lineCounter, diagnostics);
  // An unknown tag leaves a usable document; any other YAML error does not.
  if (doc === undefined || diagnostics.errors.some((e) => e.code !== 'yaml-unknown-tag')) return undefined;
  if (doc.contents === null) {
    const message = 'the file holds no YAML document; expected a Scenario (apiVersion, kind, metadata, spec)';
    return reject(diagnostics, { code: 'empty-document', path: '', message, pos: { line: 1, column: 1 } });
  }
  const root = new YamlConverter(doc, (offset) => toPos(lineCounter, offset), diagnostics).run();
  // An alias that resolves to nothing leaves a hole; validating around it would only add noise.
  return diagnostics.errors.some((e) => e.code === 'yaml-alias') ? undefined : root;
}

function reject(diagnostics: Diagnostics, issue: Issue): undefined {
  diagnostics.errors.push(issue);
  return undefined;
}

function composeFirst(tokens: readonly CST.Token[], length: number, lc: LineCounter, diagnostics: Diagnostics): Document.Parsed | undefined {
  // uniqueKeys off: the converter reports duplicates with both lines, in linear rather than quadratic time.
  const composer = new Composer({ uniqueKeys: false });
  // The library builds an Error per syntax problem, and junk input has one every few bytes; capturing their
  // stack traces (never read) is 3/4 of the time. Compose is synchronous, so nothing else sees the change.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let first: Document.Parsed | undefined;
  try {
    for (const doc of composer.compose(tokens, true, length)) {
      if (first !== undefined) {
        const message = 'the file holds more than one YAML document (a second "---"); a scenario file is one document';
        diagnostics.error('yaml-multiple-documents', { path: '', pos: toPos(lc, doc.range[0]) }, message);
        break;
      }
      first = doc;
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  for (const error of first?.errors ?? []) report(error, lc, diagnostics);
  for (const warning of first?.warnings ?? []) report(warning, lc, diagnostics);
  return first;
}

function report(error: YAMLError, lc: LineCounter, diagnostics: Diagnostics): void {
  const where = { path: '', pos: toPos(lc, error.pos[0]) };
  if (error.code === 'TAG_RESOLVE_FAILED') {
    diagnostics.error('yaml-unknown-tag', where, `${error.message}; scenario files use plain YAML values without tags`);
  } else if (error.name === 'YAMLWarning') {
    diagnostics.warn('yaml-warning', where, error.message);
  } else {
    const [code, message] = describeYamlError(error);
    diagnostics.error(code, where, message);
  }
}

function describeYamlError(error: YAMLError): [ScenarioErrorCode, string] {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return ['yaml-tab-indent', 'a tab is used for indentation; YAML indents with spaces only'];
    case 'BAD_ALIAS':
      return ['yaml-alias', `invalid YAML alias: ${error.message}`];
    case 'RESOURCE_EXHAUSTION':
      return ['nesting-too-deep', `the document is too deeply nested to parse: ${error.message}`];
    default:
      return ['yaml-syntax', `invalid YAML: ${error.message}`];
  }
}

/** The first character YAML forbids (C0/C1 controls, DEL, lone surrogates, U+FFFE/U+FFFF), or U+FFFD. */
function findBadCharacter(text: string): Issue | undefined {
  /* eslint-disable no-control-regex -- control characters are what this pattern finds */
  const bad =
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
  /* eslint-enable no-control-regex */
  const match = bad.exec(text);
  if (match === null) return undefined;
  const index = match.index;
  const code = (text.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const why = code === 'FFFD' ? 'the file is not valid UTF-8 (U+FFFD marks bytes that failed to decode)' : `non-printable character U+${code}`;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { code: 'invalid-character', path: '', message: `${why}; a scenario file is UTF-8 text`, pos: { line, column } };
}

/** Offset of the first map or list nested deeper than the limit, found without recursion. */
function findTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: Array<[CST.Token, number]> = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() ?? [undefined, 0];
    if (token === undefined) continue;
    if (token.type === 'document' && token.value !== undefined) stack.push([token.value, depth]);
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > SCENARIO_LIMITS.maxDepth) return token.offset;
    for (const item of token.items) {
      if (item.key !== undefined && item.key !== null) stack.push([item.key, depth + 1]);
      if (item.value !== undefined) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

function toPos(lc: LineCounter, offset: number): SourcePosition {
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
