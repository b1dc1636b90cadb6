import type { RegistryFileKind, RegistryImport } from '../../api/registry';
import { registryKindLabels } from '../../api/registry';
import { monthNames } from '../../format/months';
import { formatCount } from '../../format/numbers';

/** Where the «Загрузка реестров» section lives (section id `registries`, path `/registries`). */
export const registriesRootPath = '/registries';

export function registryPackagePath(id: number | string): string {
  return `${registriesRootPath}/${encodeURIComponent(String(id))}`;
}

/** Short names of the kinds of files for the journal's column; the full name and the prefix are on hover. */
export const registryKindShortLabels: Record<RegistryFileKind, string> = {
  H: 'Лечебные случаи',
  T: 'ВМП',
  C: 'Онкология (ЗНО)',
  DP: 'ДВН, I этап',
  DV: 'ДВН, II этап',
  DO: 'Профосмотры взрослых',
  DS: 'Дети-сироты (стационар)',
  DU: 'Дети-сироты (опека)',
  DF: 'Профосмотры детей',
  DR: 'Репродуктивное здоровье',
  DA: 'УДВН, I этап',
  DB: 'УДВН, II этап',
};

export function kindFullTitle(kind: string): string | undefined {
  return (registryKindLabels as Record<string, string>)[kind];
}

export function kindShortTitle(kind: string): string | undefined {
  return (registryKindShortLabels as Record<string, string>)[kind];
}

export const channelLabels: Record<RegistryImport['channel'], string> = {
  web: 'Веб-интерфейс',
  rest: 'REST',
  soap: 'SOAP',
  file: 'Файл',
};

/** The reporting period: «март 2026». */
export function formatPeriod(year: number | null, month: number | null): string {
  if (!year) return '—';
  const name = month ? monthNames[month - 1] : undefined;
  return name ? `${name} ${year}` : String(year);
}

const sizeFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** A size in bytes as people read it: «512 байт», «48,0 КБ», «12,3 МБ», «1,2 ГБ». */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${formatCount(bytes)} байт`;
  if (bytes < 1024 ** 2) return `${sizeFormat.format(bytes / 1024)} КБ`;
  if (bytes < 1024 ** 3) return `${sizeFormat.format(bytes / 1024 ** 2)} МБ`;
  return `${sizeFormat.format(bytes / 1024 ** 3)} ГБ`;
}

/** A share as a whole percentage, «0 %» to «100 %». */
export function percent(part: number, whole: number | null | undefined): number {
  if (!whole || whole <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((part / whole) * 100)));
}

/** A count the server did not send yet (the package still in processing) is a dash, not a zero. */
export function countOrDash(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatCount(value);
}
