import { randomBytes, randomInt } from 'node:crypto';

/** How long the previous secrets keep working after a new one is issued (hours). */
export const secretOverlap = { defaultHours: 24, maxHours: 720 } as const;

/** A new system-account secret: 32 random bytes, base64url (43 characters). Shown once, stored hashed. */
export function generateSystemSecret(): string {
  return randomBytes(32).toString('base64url');
}

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '!#%+-=?@';

/**
 * A temporary password for a new person when the administrator sets none: 16 characters with lower- and
 * upper-case letters, digits and a symbol, so it satisfies both the local rule and the Cognito pool's policy.
 */
export function generateTemporaryPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const all = lower + upper + digits;
  const chars = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  while (chars.length < 16) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
