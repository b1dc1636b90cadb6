import type { SignedOutReason } from './AuthContext';

/** What the sign-in page is told when the app sends the browser there. */
export interface LoginLocationState {
  /** Path and query to return to after signing in. */
  from?: string | undefined;
  reason?: SignedOutReason;
}

export function readLoginLocationState(state: unknown): LoginLocationState {
  if (typeof state !== 'object' || state === null) return {};
  const { from, reason } = state as Record<string, unknown>;
  return {
    from: typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : undefined,
    reason: reason === 'none' || reason === 'expired' || reason === 'signed-out' ? reason : undefined,
  };
}
