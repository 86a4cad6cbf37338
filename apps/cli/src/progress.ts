/** How often a progress line is printed when stderr is not a terminal (CI logs), ms. */
export const PLAIN_PROGRESS_INTERVAL_MS = 5000;

/**
 * Progress of a long command on stderr. On a terminal: a one-line bar, `\r`-redrawn. Otherwise (CI logs): once the
 * work has gone on for {@link PLAIN_PROGRESS_INTERVAL_MS}, a plain line such as `twin: iosd-crash: 5000/100000
 * routers (5%)` at most once per that interval, and one when it is done, so a pipeline shows that a long run is
 * alive without flooding its log (work that ends sooner prints nothing). stdout is never touched, so `--json`
 * output stays clean.
 */
export class Progress {
  private last = '';
  private startedAt: number | null = null;
  private lastPlainAt: number | null = null;
  private lastPlainDone = -1;

  constructor(
    private readonly stream: { write(text: string): unknown; readonly isTTY?: boolean },
    private readonly total: number,
    private readonly unit: string,
    private readonly now: () => number = () => performance.now(),
    private readonly plainIntervalMs = PLAIN_PROGRESS_INTERVAL_MS,
  ) {}

  /** Whether a bar is drawn (a terminal and more than one unit of work). */
  get enabled(): boolean {
    return this.stream.isTTY === true && this.total > 1;
  }

  update(done: number, label = ''): void {
    if (this.total <= 1) return;
    if (!this.enabled) {
      const now = this.now();
      this.startedAt ??= now;
      const finished = done >= this.total;
      if (done === this.lastPlainDone) return;
      if (finished ? this.lastPlainAt === null : now - (this.lastPlainAt ?? this.startedAt) < this.plainIntervalMs) return;
      this.lastPlainAt = now;
      this.lastPlainDone = done;
      const percent = Math.floor((done / this.total) * 100);
      this.stream.write(`twin: ${label ? `${label}: ` : ''}${done}/${this.total} ${this.unit} (${percent}%)\n`);
      return;
    }
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / this.total) * 100)}% ${done}/${this.total} ${this.unit} ${label}`;
    if (line === this.last) return;
    this.last = line;
    this.stream.write(`\r${line.padEnd(100).slice(0, 100)}`);
  }

  clear(): void {
    if (this.enabled && this.last) this.stream.write(`\r${' '.repeat(100)}\r`);
  }
}
