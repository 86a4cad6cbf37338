/**
 * Reads `read()` every 250 ms until `ok` holds of its value or `timeoutMs` has passed, and returns the last value
 * read either way, so that the caller's assertion on it shows what was seen when it fails.
 */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}
