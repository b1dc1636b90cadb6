/** Dated versions of the directory codes a package names (`nsi.record`), answered once for the package. */
export interface CodeVersions {
  /** `directory/code` → its versions `[date_beg, date_end | null]`. */
  readonly versions: ReadonlyMap<string, readonly (readonly [string, string | null])[]>;
}

export const codeKey = (directory: string, code: string) => `${directory}/${code}`;

/** Whether a code of a directory is valid on a date (one of its versions covers the date). Pure. */
export function codeValidOn(codes: CodeVersions, directory: string, code: string, date: string): boolean {
  const versions = codes.versions.get(codeKey(directory, code)) ?? [];
  return versions.some(([beg, end]) => beg <= date && (end === null || end >= date));
}
