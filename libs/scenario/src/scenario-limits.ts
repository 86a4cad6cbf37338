/**
 * Limits the parser enforces so that no input, however hostile, exhausts the stack, allocates without
 * bound or takes more than a couple of seconds. Each limit is far above what a real scenario file needs.
 */
export const SCENARIO_LIMITS = {
  /**
   * Largest accepted input: characters for a string, bytes for a `Uint8Array`. 256 KiB holds thousands of
   * embedded routers; bigger fleets are picked with `selector`. It also bounds the time spent on hostile
   * text: up to ≈ 2 s at this size, mostly in the YAML library's tokenizer.
   */
  maxInputSize: 262_144,
  /**
   * Deepest nesting of maps and lists, counted before YAML composition (whose recursion overflows the
   * stack — or worse, crashes the process — at a few thousand levels) and again while expanding aliases.
   * A scenario needs 5.
   */
  maxDepth: 64,
  /**
   * Most values (maps, lists, scalars) a document may hold once its aliases are expanded: stops alias
   * bombs early. Thousands of embedded routers need a few tens of thousands.
   */
  maxNodes: 100_000,
  /** Longest duration anywhere in a file: 30 days of simulated time. */
  maxDurationMs: 30 * 24 * 3_600_000,
  /** Longest duration text (`1h30m`); bounds the arithmetic on hostile digit strings. */
  maxDurationText: 64,
  /** Largest seed: the uint32 range, which every seeded PRNG in use accepts without truncation. */
  maxSeed: 4_294_967_295,
  /** `metadata.name` and router hostnames (DNS label length). */
  maxNameLength: 63,
  /** IOS-XE version strings (`17.3.4a`, `16.12.04`, `15.5(3)S`). */
  maxVersionLength: 64,
  /** `metadata.description`. */
  maxDescriptionLength: 4_096,
  /** Fleet names and label keys. */
  maxLabelLength: 128,
  /** Label values. */
  maxLabelValueLength: 256,
  /** Errors listed per file; a `too-many-errors` error follows when there were more. */
  maxErrors: 100,
  /** Upper bound of a `switchovers` expectation. */
  maxCount: 1_000_000,
} as const;
