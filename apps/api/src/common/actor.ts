/**
 * Who the change log records as the author of a change made through the API. Requests carry no identity
 * until API keys exist; from then on the key's name is recorded instead.
 */
export const API_ACTOR = 'api';
