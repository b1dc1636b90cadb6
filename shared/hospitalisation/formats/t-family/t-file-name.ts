/**
 * The T1–T6 family (docs/formats/t-family.md, DOMAIN §2.1): file types, what each carries, and file names
 * `<type>-<sender kind>-<sender code>-<YYYY-MM-DD>[-<n>]` (e.g. `T1-M-990001-2026-11-28`), zipped or plain XML.
 */

export const tFamilyFormat = { id: 't-family', version: '1.0' } as const;

export const tFileTypes = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
export type TFileType = (typeof tFileTypes)[number];

export const tFileTitles: Record<TFileType, string> = {
  T1: 'Направления на госпитализацию',
  T2: 'Плановые госпитализации по направлениям',
  T3: 'Экстренные госпитализации',
  T4: 'Аннулирование направлений',
  T5: 'Выбывшие из стационара',
  T6: 'Коечный фонд (свободные места)',
};

/** Sender kinds of the file name: М — медицинская организация, S — СМО, T — ТФОМС. */
export const senderKinds = { M: 'MO', S: 'SMO', T: 'TFOMS' } as const;
export type SenderKind = keyof typeof senderKinds;

const codeDigits: Record<SenderKind, number> = { M: 6, S: 5, T: 2 };

export interface TFileName {
  type: TFileType;
  senderKind: SenderKind;
  senderCode: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** The n-th file of that day (`-2`), when there are several. */
  sequence: number | null;
}

const pattern = /^(T[1-6])-([MST])-(\d{2,6})-(\d{4}-\d{2}-\d{2})(?:-(\d{1,3}))?(?:\.(?:xml|zip))?$/i;

/** Reads a T-file name (with or without `.xml`/`.zip`); null when it does not follow the pattern. */
export function parseTFileName(name: string): TFileName | null {
  const m = pattern.exec(name.trim());
  if (!m) return null;
  const senderKind = m[2]!.toUpperCase() as SenderKind;
  const senderCode = m[3]!;
  if (senderCode.length !== codeDigits[senderKind]) return null;
  return {
    type: m[1]!.toUpperCase() as TFileType,
    senderKind,
    senderCode,
    date: m[4]!,
    sequence: m[5] ? Number(m[5]) : null,
  };
}

/** The name (without extension) of a T-file. */
export function tFileName(name: TFileName): string {
  return `${name.type}-${name.senderKind}-${name.senderCode}-${name.date}${name.sequence ? `-${name.sequence}` : ''}`;
}

/** The file-name sender kind of an organisation kind. */
export function senderKindOf(orgKind: 'MO' | 'SMO' | 'TFOMS'): SenderKind {
  return orgKind === 'MO' ? 'M' : orgKind === 'SMO' ? 'S' : 'T';
}
