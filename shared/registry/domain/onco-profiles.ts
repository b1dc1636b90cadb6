/**
 * The «Онкология» profiles of medical care (PROFIL, V002): 60 «онкологии» and 18 «детской онкологии»
 * (shared/nsi/data/ffoms/V002.xml). A case of these profiles is a visit to an oncologist: the register lists them
 * apart, and the consultation after a referral at suspicion of ЗНО is timed to the first of them.
 */
export const oncologyProfiles: readonly number[] = [60, 18];

export function isOncologyProfile(profile: number): boolean {
  return oncologyProfiles.includes(profile);
}
