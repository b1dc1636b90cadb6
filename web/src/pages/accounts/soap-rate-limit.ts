import type { Account } from '../../api/accounts';
import { formatCount } from '../../format/numbers';

/** Bounds of an account's own limit, as the server's `systemRateLimitRange` (shared/accounts/domain). */
const range = { min: 1, max: 1_000_000 } as const;

const rangeMessage = `Лимит вызовов SOAP: целое число от ${formatCount(range.min)} до ${formatCount(range.max)} в минуту; пусто — по умолчанию.`;

/** «1 200 в минуту» or «по умолчанию: 6 000 в минуту» for a system account; null for a person. */
export function soapRateLimitText(
  account: Pick<Account, 'rateLimitPerMinute' | 'systemRateLimit'>,
): string | null {
  if (account.rateLimitPerMinute !== null) return `${formatCount(account.rateLimitPerMinute)} в минуту`;
  if (account.systemRateLimit === null) return null;
  return `по умолчанию: ${formatCount(account.systemRateLimit)} в минуту`;
}

/**
 * The limit an administrator typed: a whole number (digit-group spaces allowed), or null when empty (the system
 * default); a Russian message when it is neither.
 */
export function parseSoapRateLimit(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  if (digits === '') return { ok: true, value: null };
  if (!/^\d+$/.test(digits)) return { ok: false, message: rangeMessage };
  const value = Number(digits);
  return value >= range.min && value <= range.max
    ? { ok: true, value }
    : { ok: false, message: rangeMessage };
}
