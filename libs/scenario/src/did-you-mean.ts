/**
 * The candidate closest to `value`, if it is close enough to be a likely typo: optimal-string-alignment
 * distance (insertions, deletions, substitutions, adjacent transpositions) on lower-cased text, at most a
 * quarter of the longer word (minimum 1). Case-only differences (`asr1002-x`) always match.
 */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  if (value.length === 0 || value.length > 100) return undefined;
  const wanted = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    const limit = Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 4));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or the empty string: ready to append to a message. */
export function suggestion(value: string, candidates: readonly string[]): string {
  const match = didYouMean(value, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1];
}
