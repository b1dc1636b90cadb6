/**
 * Names of plan-list files (docs/formats/prevention-files.md, DOMAIN §2.4.1):
 * `PROF_M<mcod>T<region>[S<smo>]_<YYMM><N>` — the МО's 6-digit code, the ТФОМС's 2-digit region code, optionally the СМО's 5-digit code, the year and month
 * of the file and its number in the month (1–4 digits), e.g. `PROF_M990001T99_26011`. Read without `.xml`/`.zip`
 * and case-insensitively; built upper case. The error answer is `ERR_` + the file's name.
 */

export const planListFormat = { id: 'plan-list', version: '1.0' } as const;

export interface PlanListName {
  moCode: string;
  region: string;
  smoCode: string | null;
  /** Full year (`26` → 2026). */
  year: number;
  month: number;
  /** The number as written (`1`, `01`). */
  number: string;
}

const pattern = /^PROF_M(\d{6})T(\d{2})(?:S(\d{5}))?_(\d{2})(\d{2})(\d{1,4})$/;

/** The name without folder and `.xml`/`.zip`, upper case. */
export function planListBaseName(name: string): string {
  return name
    .slice(name.lastIndexOf('/') + 1)
    .trim()
    .replace(/\.(xml|zip)$/i, '')
    .toUpperCase();
}

/** Reads a plan-list file name; null when it does not follow the pattern. */
export function parsePlanListName(name: string): PlanListName | null {
  const m = pattern.exec(planListBaseName(name));
  if (!m) return null;
  const month = Number(m[5]);
  if (month < 1 || month > 12) return null;
  return {
    moCode: m[1]!,
    region: m[2]!,
    smoCode: m[3] ?? null,
    year: 2000 + Number(m[4]),
    month,
    number: m[6]!,
  };
}

/** The name (without extension) of a plan-list file. */
export function planListFileName(name: PlanListName): string {
  const yy = String(name.year % 100).padStart(2, '0');
  const mm = String(name.month).padStart(2, '0');
  const base = `PROF_M${name.moCode}T${name.region}${name.smoCode ? `S${name.smoCode}` : ''}_${yy}${mm}${name.number}`;
  if (!parsePlanListName(base)) throw new Error(`Not a plan-list file name: ${base}`);
  return base;
}

/** The error answer's name for a plan-list file (or any file name given). */
export function planListErrorName(fileName: string): string {
  return `ERR_${planListBaseName(fileName)}`;
}
