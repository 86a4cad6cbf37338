/**
 * A one-line progress bar on a terminal (`\r`-redrawn on stderr); nothing at all when stderr is not a
 * terminal, so CI logs stay plain and machine-readable.
 */
export class Progress {
  private last = '';

  constructor(
    private readonly stream: { write(text: string): unknown; readonly isTTY?: boolean },
    private readonly total: number,
    private readonly unit: string,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true && this.total > 1;
  }

  update(done: number, label = ''): void {
    if (!this.enabled) return;
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
