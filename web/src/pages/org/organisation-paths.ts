export const organisationsRootPath = '/organisations';
export const organisationsImportPath = `${organisationsRootPath}/import`;
export const organisationNewPath = `${organisationsRootPath}/new`;

export function organisationPath(code: string): string {
  return `${organisationsRootPath}/${encodeURIComponent(code)}`;
}
