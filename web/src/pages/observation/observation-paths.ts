/** Where the two observation sections live (their ids and paths are registered in shared/prevention/index.ts). */
export const dispensaryPath = '/dispensary';
export const newDispensaryPath = `${dispensaryPath}/new`;
export const polyclinicCasesPath = '/polyclinic-cases';

/** The form of a new polyclinic case, filled from a ДН record: the person, the diagnosis and the specialty. */
export function newPolyclinicCasePath(from?: { enp: string; diagnosis: string; specialty: number }): string {
  if (!from) return `${polyclinicCasesPath}/new`;
  const query = new URLSearchParams({
    enp: from.enp,
    diagnosis: from.diagnosis,
    specialty: String(from.specialty),
  });
  return `${polyclinicCasesPath}/new?${query}`;
}
