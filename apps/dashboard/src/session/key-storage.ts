/**
 * Where the signed-in API key is kept: `sessionStorage`, so it lives as long as the tab, survives reloads,
 * is never sent by the browser on its own (no cookie, so no cross-site request can use it) and is gone when
 * the tab closes. Any script on this origin could read it, which the api's strict Content-Security-Policy
 * (only this origin's script files) guards against.
 */
const STORAGE_KEY = 'asr-twin.api-key';

export function storedKey(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeKey(key: string | null): void {
  try {
    if (key === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    // Storage disabled: the session then lasts until the page is reloaded.
  }
}
