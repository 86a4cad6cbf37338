import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CLOSE_TESTSUITES, openTestsuites } from '@asr-twin/reporting';

/** What `twin run --server` learns from a run's JUnit XML as it streams past, in constant memory. */
export interface JunitDigest {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly timeMs: number;
  /** Of the first suite (the report's iteration): expectation test cases, and how many held. */
  readonly expectations: number;
  readonly held: number;
  /** Of the first suite, as the embedded run prints them: routers that could not be simulated, then failures. */
  readonly details: readonly string[];
}

/** Detail lines kept at most; the rest are counted. */
const MAX_DETAILS = 200;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

function attr(line: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(line);
  return m ? unescapeXml(m[1] as string) : undefined;
}

/**
 * Reads a run's JUnit XML line by line (the server writes one element per line), writing its suites — without
 * the prologue and the `<testsuites>` element — to `sink`, and digesting the counts and failure lines.
 */
export async function digestJunit(body: ReadableStream<Uint8Array>, sink: WriteStream | null): Promise<JunitDigest> {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let timeMs = 0;
  let suite = -1;
  let suiteName = '';
  let expectations = 0;
  let failed = 0;
  let caseHost = '';
  let caseIsSimulation = false;
  const routerErrors: string[] = [];
  const failureLines: string[] = [];
  let omitted = 0;
  const lines = createInterface({ input: Readable.fromWeb(body as never), crlfDelay: Infinity });
  for await (const line of lines) {
    const t = line.trimStart();
    if (t.startsWith('<?xml')) continue;
    if (t.startsWith('<testsuites')) {
      tests = Number(attr(t, 'tests') ?? 0);
      failures = Number(attr(t, 'failures') ?? 0);
      errors = Number(attr(t, 'errors') ?? 0);
      timeMs = Math.round(Number(attr(t, 'time') ?? 0) * 1000);
      continue;
    }
    if (t.startsWith('</testsuites')) continue;
    if (sink && !sink.write(`${line}\n`)) await new Promise<void>((r) => sink.once('drain', () => r()));
    if (t.startsWith('<testsuite ')) {
      suite++;
      suiteName = attr(t, 'name') ?? '';
      continue;
    }
    if (suite !== 0) continue;
    if (t.startsWith('<testcase')) {
      const name = attr(t, 'name') ?? '';
      caseHost = (attr(t, 'classname') ?? '').slice(suiteName.length + 1);
      caseIsSimulation = name === 'simulation';
      if (!caseIsSimulation && name !== 'run completes') expectations++;
      continue;
    }
    const tag = t.startsWith('<failure') ? 'failure' : t.startsWith('<error') ? 'error' : null;
    if (tag === null) continue;
    const message = attr(t, 'message') ?? '';
    const keep = routerErrors.length + failureLines.length < MAX_DETAILS;
    if (caseIsSimulation) {
      if (keep) routerErrors.push(`      ${caseHost}: error: ${message}`);
      else omitted++;
    } else {
      failed++;
      if (keep) failureLines.push(`      ${message}`);
      else omitted++;
    }
  }
  const details = [...routerErrors, ...failureLines, ...(omitted > 0 ? [`      … and ${omitted} more (see the JUnit XML or the report)`] : [])];
  return { tests, failures, errors, timeMs, expectations, held: expectations - failed, details };
}

/**
 * A JUnit document assembled from the suites of several runs, each streamed to a part file first: the totals of
 * the `<testsuites>` element are known only once every run is in. Memory stays constant whatever the runs' size.
 */
export class JunitAssembly {
  private readonly parts: string[] = [];
  private tests = 0;
  private failures = 0;
  private errors = 0;
  private timeMs = 0;

  constructor(private readonly path: string) {}

  /** A part file for the next run's suites. */
  part(): { readonly path: string; readonly stream: WriteStream } {
    const path = `${this.path}.part${this.parts.length}`;
    this.parts.push(path);
    return { path, stream: createWriteStream(path) };
  }

  add(d: Pick<JunitDigest, 'tests' | 'failures' | 'errors' | 'timeMs'>): void {
    this.tests += d.tests;
    this.failures += d.failures;
    this.errors += d.errors;
    this.timeMs += d.timeMs;
  }

  /** Writes the document and removes the parts. */
  async write(): Promise<void> {
    const out = createWriteStream(this.path);
    out.write(openTestsuites({ tests: this.tests, failures: this.failures, errors: this.errors, durationMs: this.timeMs }));
    for (const part of this.parts) {
      const input = createReadStream(part);
      input.pipe(out, { end: false });
      await finished(input);
    }
    out.end(CLOSE_TESTSUITES);
    await finished(out);
    await this.discard();
  }

  /** Removes the part files (after a failure too). */
  async discard(): Promise<void> {
    await Promise.all(this.parts.map((p) => rm(p, { force: true })));
  }
}
