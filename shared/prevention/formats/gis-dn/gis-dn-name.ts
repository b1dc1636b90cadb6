/**
 * Names of the ГИС ОМС dispensary-observation files (docs/formats/prevention-files.md, DOMAIN §2.5):
 * `<type><code>_<stamp>_<number>` — the type (`GST`/`GSM` the ДН list `DN_LIST`, `GPT`/`GPM` its plan `DN_PLAN`),
 * the sender's code (digits, or six letters and digits), then two numbers: omslink writes the file's date
 * `YYYYMMDD` and its number that day (`GST990001_20260115_1`). One XML per ZIP, the ZIP named as the XML. Read
 * without `.xml`/`.zip`, case-insensitively; built upper case.
 */

export const gisDnTypes = ['GST', 'GSM', 'GPT', 'GPM'] as const;
export type GisDnType = (typeof gisDnTypes)[number];

/** The file's family by its type: the ДН list (state of each observation) or its plan of visits. */
export type GisDnFamily = 'DN_LIST' | 'DN_PLAN';
export const gisDnFamilyOf: Readonly<Record<GisDnType, GisDnFamily>> = {
  GST: 'DN_LIST',
  GSM: 'DN_LIST',
  GPT: 'DN_PLAN',
  GPM: 'DN_PLAN',
};

export interface GisDnName {
  type: GisDnType;
  code: string;
  stamp: string;
  number: string;
}

const pattern = /^(GST|GSM|GPT|GPM)(\d+|[A-Z0-9]{6})_(\d+)_(\d+)$/;

/** The name without folder and `.xml`/`.zip`, upper case. */
export function gisDnBaseName(name: string): string {
  return name
    .slice(name.lastIndexOf('/') + 1)
    .trim()
    .replace(/\.(xml|zip)$/i, '')
    .toUpperCase();
}

/** Reads a ГИС ОМС ДН file name; null when it does not follow the pattern. */
export function parseGisDnName(name: string): GisDnName | null {
  const m = pattern.exec(gisDnBaseName(name));
  if (!m) return null;
  return { type: m[1] as GisDnType, code: m[2]!, stamp: m[3]!, number: m[4]! };
}

/** The name (without extension). */
export function gisDnFileName(name: GisDnName): string {
  const base = `${name.type}${name.code}_${name.stamp}_${name.number}`;
  if (!parseGisDnName(base)) throw new Error(`Not a ГИС ОМС ДН file name: ${base}`);
  return base;
}

/** The name omslink gives a file of an МО: the date as `YYYYMMDD` and the number that day. */
export function gisDnNameFor(type: GisDnType, moCode: string, date: string, number = 1): GisDnName {
  return { type, code: moCode, stamp: date.replaceAll('-', ''), number: String(number) };
}
