// Hostile scenario sources, each at most 256 KiB (the per-source limit): what a viewer could send to keep a
// parser busy. Shared by bench/event-loop.mjs and test/integration/api-event-loop.spec.ts.

const KIB = 1024;

/** `count` sources cycling through the kinds below, each just under `maxBytes`. */
export function hostileSources(count = 14, maxBytes = 256 * KIB) {
  const kinds = [junkSyntax, manyKeys, aliasBomb, longScalars, deepFlow, manyListItems, junkFlow];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length](maxBytes - 64, i));
}

/** Lines of near-YAML that fail to parse every few bytes: one error object per problem. */
function junkSyntax(bytes, seed) {
  const line = `k${seed}: [ {a: "b, ]: - &x *y !z ? : | > \n`;
  return line.repeat(Math.floor(bytes / line.length));
}

/** Tens of thousands of distinct keys in one map. */
function manyKeys(bytes, seed) {
  const lines = [];
  for (let i = 0, size = 0; size < bytes - 32; i++) {
    const l = `key${seed}_${i}: value${i}\n`;
    lines.push(l);
    size += l.length;
  }
  return lines.join('');
}

/** "Billion laughs": each level aliases the one before ten times. */
function aliasBomb(bytes, seed) {
  let text = `a0: &a0 ["lol${seed}"]\n`;
  for (let i = 1; text.length < bytes - 200; i++) text += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]\n`;
  return text;
}

/** A few very long scalars. */
function longScalars(bytes, seed) {
  const quarter = Math.floor(bytes / 4) - 16;
  return [0, 1, 2, 3].map((i) => `s${seed}${i}: "${'x'.repeat(quarter - 12)}"\n`).join('');
}

/** Flow collections nested as deep as the text allows. */
function deepFlow(bytes) {
  const half = Math.floor(bytes / 2);
  return `${'['.repeat(half)}${']'.repeat(half)}\n`;
}

/** A block list of many small maps. */
function manyListItems(bytes, seed) {
  const item = `- {id: ${seed}, a: 1, b: [1, 2, 3]}\n`;
  return `items:\n${item.repeat(Math.floor((bytes - 8) / item.length))}`;
}

/** Unbalanced flow punctuation. */
function junkFlow(bytes) {
  const chunk = '{[{[,:,]}],:}?';
  return chunk.repeat(Math.floor(bytes / chunk.length));
}
