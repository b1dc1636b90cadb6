/**
 * СНИЛС: 11 digits, written `XXX-XXX-XXX YY` in registries (GIS OMS XSDs use a hyphen before the control pair).
 * Control (DOMAIN §4.2): S = Σ d_i × (10 − i) for i = 1..9; S < 100 → S; S = 100 or 101 → 00;
 * S > 101 → S mod 101 (100 → 00). The check applies to numbers above 001-001-998; all zeros is invalid.
 */
export function snilsControl(digits9: string): number {
  if (!/^\d{9}$/.test(digits9)) throw new Error('СНИЛС body must be 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits9.charCodeAt(i) - 48) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

export type SnilsProblem = 'format' | 'control' | 'zero';

/** Digits only, whatever the separators (`XXX-XXX-XXX YY`, `XXX-XXX-XXX-YY`, `XXXXXXXXXXX`); null if malformed. */
export function snilsDigits(value: string): string | null {
  const m = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/.exec(value.trim());
  return m ? m.slice(1).join('') : null;
}

export function checkSnils(value: string): SnilsProblem | null {
  const digits = snilsDigits(value);
  if (!digits) return 'format';
  if (/^0+$/.test(digits)) return 'zero';
  const body = digits.slice(0, 9);
  if (Number(body) <= 1_001_998) return null;
  return snilsControl(body) === Number(digits.slice(9)) ? null : 'control';
}

export function isValidSnils(value: string): boolean {
  return checkSnils(value) === null;
}

/** Canonical registry form `XXX-XXX-XXX YY`. */
export function formatSnils(digits11: string): string {
  return `${digits11.slice(0, 3)}-${digits11.slice(3, 6)}-${digits11.slice(6, 9)} ${digits11.slice(9, 11)}`;
}

/** Completes a 9-digit body with its control pair and formats it. */
export function makeSnils(body9: string): string {
  return formatSnils(body9 + String(snilsControl(body9)).padStart(2, '0'));
}
