import type { AuthenticatedKey } from '@asr-twin/persistence';
import { GraphQLError } from 'graphql';
import type { KeyChangeListener } from '../auth/key-change.listener.js';

/** What a subscriber gets when its key stops being valid; the subscription ends with it. */
export function keyChangedError(): GraphQLError {
  return new GraphQLError('the API key of this subscription was revoked or changed; subscribe again with a valid key', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

/**
 * The events of `source` for as long as `key` stays what it was when the subscription started: once the key is
 * revoked, given another secret or role, or deleted, the subscription ends with an `UNAUTHENTICATED` error, at
 * once, not at its next event. A request is checked against its key every time; a subscription is one long
 * request, so it is checked for as long as it lasts. `close` ends the source (the subscription's pub/sub
 * context), which also ends its pending wait for the next event.
 */
export async function* endOnKeyChange<T>(source: AsyncIterable<T>, key: AuthenticatedKey, keys: KeyChangeListener, close: () => void): AsyncGenerator<T> {
  let onChange: () => void = () => undefined;
  const changed = new Promise<'changed'>((resolve) => {
    onChange = () => resolve('changed');
  });
  const unwatch = keys.watch(key.id, onChange);
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), changed]);
      if (next === 'changed') throw keyChangedError();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    unwatch();
    close();
  }
}
