/** The session token lives in sessionStorage: it is gone when the tab closes and is never shared across tabs. */
const key = 'omslink.token';

export function readToken(): string | null {
  return sessionStorage.getItem(key);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(key);
}
