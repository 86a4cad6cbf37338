import { graphql } from '../api/graphql';
import type { Me } from '../api/types';

export const ME = 'query Me { me { name role } }';

/** Checks a key with the API: who it belongs to and with which role. */
export async function whoIs(key: string): Promise<Me> {
  return (await graphql<{ me: Me }>(key, ME)).me;
}
