import type { Refusal } from '../../platform/flk/refusal';
import { packageRefusal } from '../../platform/formats/package/package-refusal';
import { type RegistryFileKind, registryFileKinds } from '../domain/file-kinds';

/**
 * Names of registry-invoice packages and files (DOMAIN §3.1, docs/formats/registry-invoice.md):
 * `<X>PiNiPpNp_YYMMN` — the kind prefix `X` (H, T, C, DP …), the source (`Pi` = M МО with its 6-digit F003 code,
 * S СМО with its 5-digit F002 code, T ТФОМС with its 2-digit code), the recipient (`Pp` = T + 2 digits or S + the
 * 5-digit F002 code), the year `YY`, the month `MM` and the packet number `N` (one to four digits), e.g.
 * `HM640001T64_230101`. The personal-data file is `L` + the name without the kind prefix (`LM640001T64_230101`);
 * for ВМП (`T`) and ЗНО (`C`) files the order names `LT…`/`LC…` and for DP `LP…` — both forms are accepted. The
 * FLK protocol is `V` + recipient + source (`VT64M640001_230101`). Names are read without `.xml`/`.zip` and
 * case-insensitively; built names are upper case.
 */

export type RegistryPartyType = 'M' | 'S' | 'T';

export interface RegistryFileName {
  kind: RegistryFileKind;
  sourceType: RegistryPartyType;
  sourceCode: string;
  recipientType: 'S' | 'T';
  recipientCode: string;
  /** Full year (`23` → 2023). */
  year: number;
  month: number;
  /** The packet number as written (`01`). */
  packet: string;
  /** The name without extension, upper case: `HM640001T64_230101`. */
  base: string;
}

/** A personal-data file name: `L` + an optional variant letter (T, C, P) + the body of the main file's name. */
export interface PersonFileName {
  variant: '' | 'T' | 'C' | 'P';
  /** The main file's name without its kind prefix: `M640001T64_230101`. */
  body: string;
  base: string;
}

const codeDigits: Record<RegistryPartyType, number> = { M: 6, S: 5, T: 2 };

/** The documented L-file variant of each kind (DOMAIN §3.1); `L` + the body is accepted for every kind. */
const personVariants: Partial<Record<RegistryFileKind, PersonFileName['variant']>> = {
  T: 'T',
  C: 'C',
  DP: 'P',
};

const kindsByLength = [...registryFileKinds].sort((a, b) => b.length - a.length);
const bodyPattern = /^([MST])(\d{2,6})([ST])(\d{2,5})_(\d{2})(\d{2})(\d{1,4})$/;
const extension = /\.(xml|zip)$/i;

/** The name without directory and `.xml`/`.zip`, upper case. */
export function baseName(name: string): string {
  const file = name.slice(name.lastIndexOf('/') + 1).trim();
  return file.replace(extension, '').toUpperCase();
}

interface Body {
  sourceType: RegistryPartyType;
  sourceCode: string;
  recipientType: 'S' | 'T';
  recipientCode: string;
  year: number;
  month: number;
  packet: string;
}

function parseBody(body: string): Body | null {
  const m = bodyPattern.exec(body);
  if (!m) return null;
  const sourceType = m[1] as RegistryPartyType;
  const recipientType = m[3] as 'S' | 'T';
  const month = Number(m[6]);
  if (m[2]!.length !== codeDigits[sourceType] || m[4]!.length !== codeDigits[recipientType]) return null;
  if (month < 1 || month > 12) return null;
  return {
    sourceType,
    sourceCode: m[2]!,
    recipientType,
    recipientCode: m[4]!,
    year: 2000 + Number(m[5]),
    month,
    packet: m[7]!,
  };
}

/** Reads a main file's (or package's) name; null when it does not follow `<X>PiNiPpNp_YYMMN`. */
export function parseRegistryFileName(name: string): RegistryFileName | null {
  const base = baseName(name);
  for (const kind of kindsByLength) {
    if (!base.startsWith(kind)) continue;
    const body = parseBody(base.slice(kind.length));
    if (body) return { kind, ...body, base };
  }
  return null;
}

/** Reads a personal-data file's name (`L…`, `LT…`, `LC…`, `LP…`); null when it is none. */
export function parsePersonFileName(name: string): PersonFileName | null {
  const base = baseName(name);
  if (!base.startsWith('L')) return null;
  const rest = base.slice(1);
  if (parseBody(rest)) return { variant: '', body: rest, base };
  const variant = rest[0];
  if ((variant === 'T' || variant === 'C' || variant === 'P') && parseBody(rest.slice(1))) {
    return { variant, body: rest.slice(1), base };
  }
  return null;
}

/** The body of a name: everything after the kind prefix (`M640001T64_230101`). */
export function nameBody(name: RegistryFileName): string {
  return name.base.slice(name.kind.length);
}

/** Builds a main file's name (without extension) from its parts (`base` is ignored). */
export function registryFileName(parts: Omit<RegistryFileName, 'base'>): string {
  const yy = String(parts.year % 100).padStart(2, '0');
  const mm = String(parts.month).padStart(2, '0');
  const base = `${parts.kind}${parts.sourceType}${parts.sourceCode}${parts.recipientType}${parts.recipientCode}_${yy}${mm}${parts.packet}`;
  if (!parseRegistryFileName(base)) throw new Error(`Not a registry file name: ${base}`);
  return base;
}

/** The parsed name of the parts given. */
export function registryName(parts: Omit<RegistryFileName, 'base'>): RegistryFileName {
  return parseRegistryFileName(registryFileName(parts))!;
}

/** The personal-data file's name for a main file: the documented variant of its kind (`LC…` for C). */
export function personFileNameFor(name: RegistryFileName): string {
  return `L${personVariants[name.kind] ?? ''}${nameBody(name)}`;
}

/** Whether `personName` names the personal-data file of `main`: `L` + body, or the kind's documented variant. */
export function isPersonFileOf(personName: PersonFileName, main: RegistryFileName): boolean {
  if (personName.body !== nameBody(main)) return false;
  return personName.variant === '' || personName.variant === personVariants[main.kind];
}

/** The FLK protocol's name: `V` + recipient + source + `_YYMMN` (`HM640001T64_230101` → `VT64M640001_230101`). */
export function protocolFileName(name: RegistryFileName): string {
  const period = name.base.slice(name.base.indexOf('_'));
  return `V${name.recipientType}${name.recipientCode}${name.sourceType}${name.sourceCode}${period}`;
}

/** The rule id of a wrong name (F012 802). */
export const registryNameRule = 'REG.PACKAGE.NAME';

/** A wrong package or file name: F012 802 with a Russian message that shows the pattern. */
export function registryNameRefusal(name: string, what = 'Имя пакета'): Refusal {
  return packageRefusal(
    registryNameRule,
    '802',
    `${what} не соответствует шаблону <вид>PiNiPpNp_ГГММN (например, HM640001T64_250101): ${name}`,
    'FILENAME',
    name,
  );
}

/** The parsed name, or a 802 refusal (an upload's name checked before it is queued). */
export function requireRegistryFileName(name: string): RegistryFileName {
  const parsed = parseRegistryFileName(name);
  if (!parsed) throw registryNameRefusal(name);
  return parsed;
}
