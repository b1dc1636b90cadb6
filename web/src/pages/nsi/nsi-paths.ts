export const nsiRootPath = '/nsi';

export function nsiDirectoryPath(code: string): string {
  return `${nsiRootPath}/${encodeURIComponent(code)}`;
}
