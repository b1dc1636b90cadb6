/** How a ДН record came to be observed (STATUS_DN_IN). */
export const statusInLabels: Record<string, string> = {
  '1': 'Заболевание известно ранее',
  '2': 'Выявлено впервые',
};

/** Where a polyclinic case came from. */
export const caseSourceLabels: Record<string, string> = {
  direct: 'МО',
  registry: 'реестр',
};

/** Today as `YYYY-MM-DD` in the reader's time zone (the forms' default dates). */
export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** A directory entry as people read it: «Эссенциальная гипертензия (I10)», or the code alone without a name. */
export function codeWithName(code: string, name: string | null): string {
  return name ? `${name} (${code})` : code;
}
