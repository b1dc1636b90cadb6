/**
 * ЕНП (единый номер полиса): 16 digits, the 16th a control digit (DOMAIN §4.1, position-based «Fed» variant).
 * Walking the 15-digit body from the right, digits at odd positions form A, the others B;
 * X = B + String(A × 2); control = (10 − Σdigits(X) mod 10) mod 10.
 */
export function enpControlDigit(body: string): number {
  if (!/^\d{15}$/.test(body)) throw new Error('ЕНП body must be 15 digits');
  let a = '';
  let b = '';
  for (let pos = 15; pos >= 1; pos--) {
    const digit = body[pos - 1]!;
    if ((15 - pos) % 2 === 0) a += digit;
    else b += digit;
  }
  const x = b + (BigInt(a) * 2n).toString();
  let sum = 0;
  for (const ch of x) sum += ch.charCodeAt(0) - 48;
  return (10 - (sum % 10)) % 10;
}

export type EnpProblem = 'format' | 'control';

/** Returns null for a valid ЕНП, or what is wrong with it. */
export function checkEnp(value: string): EnpProblem | null {
  if (!/^\d{16}$/.test(value)) return 'format';
  return enpControlDigit(value.slice(0, 15)) === Number(value[15]) ? null : 'control';
}

export function isValidEnp(value: string): boolean {
  return checkEnp(value) === null;
}

/** Completes a 15-digit body with its control digit. */
export function makeEnp(body: string): string {
  return body + String(enpControlDigit(body));
}
