/**
 * The sender's own record id for a record this browser creates: made once per form, so pressing «Сохранить»
 * twice (or again after a network error) re-sends the same record, which the server treats as the same one.
 */
export function newSourceId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  return `${prefix}-${random}`.slice(0, 64);
}

/** A suggested referral number (NOM_NAP, at most 16 characters): the МО code and the time of day to the second. */
export function suggestReferralNumber(moCode: string, now: Date = new Date()): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const stamp = `${pad(now.getFullYear() % 100)}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `${moCode}${stamp}`.slice(0, 16);
}
