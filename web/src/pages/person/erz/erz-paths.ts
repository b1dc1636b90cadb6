/** Where the «Загрузка ЕРЗ» section lives (section id `erz`, path `/erz`). */
export const erzRootPath = '/erz';

export function erzImportPath(id: number | string): string {
  return `${erzRootPath}/${encodeURIComponent(String(id))}`;
}
