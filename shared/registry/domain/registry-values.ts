import { daysInMonth } from './check-context';

/**
 * Value checks of registry fields that run for every case or person, written over character codes so that a
 * valid value allocates nothing: the ЕНП control digit, the registry form of a СНИЛС, the newborn mark NOVOR.
 * They answer exactly what shared/person/domain/{enp,snils}.ts answer (test/unit/registry-values.test.ts
 * compares them on random values).
 */

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether a value is a ЕНП: 16 digits with the control digit of DOMAIN §4.1. The doubled number A's digit sum is
 * taken digit by digit (a digit d of A adds 2d, or 2d − 9 when doubling it carries), so no big number is built.
 */
export function isEnp(value: string): boolean {
  if (value.length !== 16) return false;
  let sum = 0;
  for (let pos = 15; pos >= 1; pos--) {
    const c = value.charCodeAt(pos - 1);
    if (!isDigit(c)) return false;
    const d = c - 48;
    if ((15 - pos) % 2 === 0) sum += d < 5 ? 2 * d : 2 * d - 9;
    else sum += d;
  }
  const control = value.charCodeAt(15);
  if (!isDigit(control)) return false;
  return (10 - (sum % 10)) % 10 === control - 48;
}

/** Whether a СНИЛС is written as the registry format demands: `XXX-XXX-XXX XX`. */
export function isRegistrySnilsForm(value: string): boolean {
  if (value.length !== 14) return false;
  for (let i = 0; i < 14; i++) {
    const c = value.charCodeAt(i);
    if (i === 3 || i === 7) {
      if (c !== 45 /* - */) return false;
    } else if (i === 11) {
      if (c !== 32 /* space */) return false;
    } else if (!isDigit(c)) return false;
  }
  return true;
}

function twoDigits(value: string, at: number): number {
  const a = value.charCodeAt(at) - 48;
  const b = value.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Whether NOVOR is well formed: `0`, or `ПДДММГГН` — the child's sex by V005 (1 or 2), the birth date `ДДММГГ`
 * as it exists in the calendar (years 2000–2099) and the child's number among those born together (one or two
 * digits, from 1).
 */
export function isNovor(value: string): boolean {
  if (value === '0') return true;
  if (value.length !== 8 && value.length !== 9) return false;
  const sex = value.charCodeAt(0);
  if (sex !== 49 && sex !== 50) return false;
  const day = twoDigits(value, 1);
  const month = twoDigits(value, 3);
  const year = twoDigits(value, 5);
  if (month < 1 || month > 12 || year < 0 || day < 1 || day > daysInMonth(2000 + year, month)) return false;
  const order = value.length === 8 ? value.charCodeAt(7) - 48 : twoDigits(value, 7);
  return order >= 1 && order <= 99 && (value.length === 9 || order <= 9);
}
