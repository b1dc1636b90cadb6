import { type Timeliness, timelinessStatusNames } from './onco-timeliness';

/** What the export of the register's list needs of one row (db/onco-queries.ts `OncoPersonRow`). */
export interface OncoExportRow {
  person: { fam: string; im: string; ot: string | null; birthDate: string; sex: number; enp: string };
  diagnosis: { code: string; name: string | null } | null;
  diagnosisDate: string | null;
  lastDiagnosis: { code: string; name: string | null } | null;
  stage: { code: string; name: string | null } | null;
  suspicionDate: string | null;
  treatmentDate: string | null;
  lastDate: string;
  firstDetected: boolean;
  cases: number;
  organisations: { code: string; name: string | null }[];
  timeliness: { suspicionToDiagnosis: Timeliness | null; diagnosisToTreatment: Timeliness | null };
}

/** A cell: text, a whole number, or a date (`YYYY-MM-DD`, a date cell in XLSX, `ДД.ММ.ГГГГ` in CSV). */
export type ExportCell = { text: string } | { number: number } | { date: string } | null;

const text = (v: string | null | undefined): ExportCell => (v ? { text: v } : null);
const date = (v: string | null | undefined): ExportCell => (v ? { date: v } : null);
const coded = (c: { code: string; name: string | null } | null) =>
  c ? (c.name ? `${c.code} ${c.name}` : c.code) : null;
const timely = (t: Timeliness | null) =>
  t
    ? `${timelinessStatusNames[t.status]}: ${t.days} из ${t.limit} ${t.unit === 'working' ? 'раб. дн.' : 'дн.'}`
    : null;

/** The export's columns, in order, with their Russian headers and widths (characters). */
export const oncoExportColumns: readonly {
  header: string;
  width: number;
  cell: (r: OncoExportRow) => ExportCell;
}[] = [
  { header: 'Фамилия', width: 18, cell: (r) => text(r.person.fam) },
  { header: 'Имя', width: 14, cell: (r) => text(r.person.im) },
  { header: 'Отчество', width: 16, cell: (r) => text(r.person.ot) },
  { header: 'Дата рождения', width: 12, cell: (r) => date(r.person.birthDate) },
  { header: 'Пол', width: 5, cell: (r) => text(r.person.sex === 1 ? 'М' : r.person.sex === 2 ? 'Ж' : null) },
  { header: 'ЕНП', width: 18, cell: (r) => text(r.person.enp) },
  { header: 'Диагноз ЗНО (первый)', width: 40, cell: (r) => text(coded(r.diagnosis)) },
  { header: 'Дата установления диагноза', width: 12, cell: (r) => date(r.diagnosisDate) },
  { header: 'Диагноз ЗНО (последний)', width: 40, cell: (r) => text(coded(r.lastDiagnosis)) },
  { header: 'Стадия (N002)', width: 20, cell: (r) => text(coded(r.stage)) },
  { header: 'Впервые выявлено', width: 10, cell: (r) => text(r.firstDetected ? 'Да' : 'Нет') },
  { header: 'Дата подозрения на ЗНО', width: 12, cell: (r) => date(r.suspicionDate) },
  { header: 'Дата начала лечения', width: 12, cell: (r) => date(r.treatmentDate) },
  {
    header: 'От подозрения до диагноза',
    width: 30,
    cell: (r) => text(timely(r.timeliness.suspicionToDiagnosis)),
  },
  {
    header: 'От диагноза до начала лечения',
    width: 30,
    cell: (r) => text(timely(r.timeliness.diagnosisToTreatment)),
  },
  { header: 'Случаев', width: 8, cell: (r) => ({ number: r.cases }) },
  {
    header: 'Медицинские организации',
    width: 40,
    cell: (r) => text(r.organisations.map((o) => (o.name ? `${o.name} (${o.code})` : o.code)).join('; ')),
  },
  { header: 'Последний случай', width: 12, cell: (r) => date(r.lastDate) },
];

/** `YYYY-MM-DD` → `ДД.ММ.ГГГГ`. */
export function ruDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** A cell as CSV text. */
export function cellText(cell: ExportCell): string | number | null {
  if (cell === null) return null;
  if ('text' in cell) return cell.text;
  if ('number' in cell) return cell.number;
  return ruDate(cell.date);
}

/** The export's file name (ASCII, for Content-Disposition): `onco-register-2026-03-01.csv`. */
export function oncoExportFileName(today: string, format: 'csv' | 'xlsx'): string {
  return `onco-register-${today}.${format}`;
}
