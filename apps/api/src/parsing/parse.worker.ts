import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type ParseTaskName, runParseTask } from './parse-tasks.js';

/** A request from the pool: which task, on what text; `id` pairs the answer with it. */
interface ParseRequest {
  readonly id: number;
  readonly task: ParseTaskName;
  readonly input: never;
}

// The lowest CPU priority, for this thread only (Linux keeps a nice value per thread): when cores are short, the
// request thread, which answers every other request and /health, gets the CPU first.
try {
  setPriority(19);
} catch {
  // Not permitted on this platform: the parse still runs off the request thread.
}

// One parse at a time: the pool sends the next request only after this answer, and stops the thread when a
// parse outlives its time limit.
parentPort?.on('message', (request: ParseRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, ok: true, value: runParseTask(request.task, request.input) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});

// The parsers are loaded: from now on a parse's time is the parse's alone.
parentPort?.postMessage({ ready: true });
