import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ParseMemoryLimitError, ParserBusyError, ParserFailedError, ParseTimeLimitError } from './parse-errors.js';
import type { ParseTaskName, ParseTasks } from './parse-tasks.js';

/** The pool's settings (configuration: `PARSE_*`). */
export interface ParsePoolOptions {
  readonly workers: number;
  /** Longest one parse may take, ms. */
  readonly timeLimitMs: number;
  /** Old-generation heap of each worker, MiB. */
  readonly memoryLimitMb: number;
  /** Parses that may wait for a worker; one more is refused. */
  readonly queueLimit: number;
  /** The worker script; the built `parse.worker.js` unless a test gives another. */
  readonly workerFile?: URL;
}

interface Task {
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
  /** What the input is, for error messages (`the scenario source`). */
  readonly what: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Task | null;
  timer: NodeJS.Timeout | null;
  /** Stopped or failed: takes no more tasks and is replaced when it exits. */
  retired: boolean;
  /** The worker loaded its parsers and takes tasks; one that exits before is replaced only after a pause (no busy restart loop). */
  ready: boolean;
}

/** Pause before replacing a worker that failed to start. */
const RESTART_PAUSE_MS = 1000;

type Answer = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly message: string };

/**
 * The built worker script. The api runs from `dist/` in production; tests run its TypeScript sources in
 * process, and Node (20) cannot start a worker from TypeScript, so from `src/` the built file beside it in
 * `dist/` is used (`npm ci`, `npm run build` and `npm test` build it).
 */
export function builtWorkerFile(): URL {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts') ? new URL('../../dist/parsing/parse.worker.js', import.meta.url) : new URL('./parse.worker.js', import.meta.url);
  if (!existsSync(file)) throw new Error(`the parse worker ${fileURLToPath(file)} is missing: run "npm run build" first`);
  return file;
}

/**
 * Worker threads that parse untrusted text (scenario sources, device output) so the request thread never
 * does: however hostile the input, other requests (and `/health`) keep being answered. Each worker parses one
 * input at a time within a time limit (the worker is then terminated and replaced: a synchronous parser cannot
 * be interrupted otherwise) and a heap limit; inputs wait in a bounded queue.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly file: URL;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: ParsePoolOptions) {
    this.file = options.workerFile ?? builtWorkerFile();
    for (let i = 0; i < options.workers; i++) this.slots.push(this.spawn());
  }

  /** Parses waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs a task on a worker. Rejects with `ParserBusyError` when the queue is full, `ParseTimeLimitError` or
   * `ParseMemoryLimitError` when the input exceeds a limit, `ParserFailedError` when the worker fails otherwise.
   */
  run<K extends ParseTaskName>(task: K, input: ParseTasks[K]['input'], what: string): Promise<ParseTasks[K]['output']> {
    if (this.closed) return Promise.reject(new ParserFailedError(what));
    const idle = this.slots.find((s) => s.ready && s.current === null && !s.retired);
    if (idle === undefined && this.queue.length >= this.options.queueLimit) return Promise.reject(new ParserBusyError(this.options.queueLimit));
    return new Promise((resolve, reject) => {
      const entry: Task = { id: this.nextId++, task, input, what, resolve: resolve as (value: unknown) => void, reject };
      if (idle) this.start(idle, entry);
      else this.queue.push(entry);
    });
  }

  /** Stops every worker; waiting and running parses fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new ParserFailedError(task.what));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.current?.reject(new ParserFailedError(slot.current.what));
        slot.current = null;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(this.file, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(this.options.memoryLimitMb / 4)) },
    });
    // A worker that is idle must not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, current: null, timer: null, retired: false, ready: false };
    worker.on('message', (message: Answer | { readonly ready: true }) => {
      if (!('ready' in message)) return this.answered(slot, message);
      slot.ready = true;
      this.next(slot);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      slot.retired = true;
      const task = this.release(slot);
      if (!task) return;
      task.reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ParseMemoryLimitError(task.what, this.options.memoryLimitMb) : new ParserFailedError(task.what),
      );
    });
    worker.on('exit', () => {
      // Terminated for its time limit, out of memory or crashed: a fresh worker takes its place.
      slot.retired = true;
      const task = this.release(slot);
      task?.reject(new ParserFailedError(task.what));
      if (slot.ready) return this.replace(slot);
      // It could not even load its parsers: nothing waiting would ever be parsed if no worker is up.
      if (!this.slots.some((s) => s.ready && !s.retired)) for (const waiting of this.queue.splice(0)) waiting.reject(new ParserFailedError(waiting.what));
      setTimeout(() => this.replace(slot), RESTART_PAUSE_MS).unref();
    });
    return slot;
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (this.closed || index < 0) return;
    const fresh = this.spawn();
    this.slots[index] = fresh;
    this.next(fresh);
  }

  private start(slot: Slot, task: Task): void {
    slot.current = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      slot.retired = true;
      const running = this.release(slot);
      running?.reject(new ParseTimeLimitError(running.what, this.options.timeLimitMs));
      void slot.worker.terminate();
    }, this.options.timeLimitMs);
    slot.worker.postMessage({ id: task.id, task: task.task, input: task.input });
  }

  private answered(slot: Slot, answer: Answer): void {
    if (slot.current?.id !== answer.id) return;
    const task = this.release(slot);
    if (!task) return;
    if (answer.ok) task.resolve(answer.value);
    else task.reject(new Error(`parse worker: ${answer.message}`));
    this.next(slot);
  }

  /** The slot's task, which the slot no longer runs; null when it ran none. */
  private release(slot: Slot): Task | null {
    const task = slot.current;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    slot.worker.unref();
    return task;
  }

  private next(slot: Slot): void {
    if (this.closed || !slot.ready || slot.current !== null || slot.retired || !this.slots.includes(slot)) return;
    const task = this.queue.shift();
    if (task) this.start(slot, task);
  }
}
