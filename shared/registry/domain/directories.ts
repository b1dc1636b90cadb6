/**
 * The НСИ directories the registry-invoice FLK reads, as a pure in-memory book built once per import from the
 * dated versions of `nsi.record` (`directory_code, code, date_beg, date_end, parent_code, attrs`). A code is valid
 * on a date when one of its versions holds that date (DATEBEG ≤ date ≤ DATEEND, an open end never ends).
 *
 * The FFOMS publications keep the relationships in the records' fields (`attrs`, as the reader of
 * shared/nsi/formats/ffoms-directory-reader.ts stores every leaf; empty leaves are left out): the diagnosis of a
 * stage (N002 `DS_St`) and of a T, N or M category (N003 `DS_T`, N004 `DS_N`, N005 `DS_M`; a record without a
 * diagnosis holds for every diagnosis the directory does not list), the stage ↔ TNM groups per diagnosis (N006
 * `DS_gr, ID_St, ID_T, ID_N, ID_M`), the histology type of a result (N008 `ID_Mrf`) and the histology types per
 * diagnosis (N009 `DS_Mrf, ID_Mrf`), the marker of a result (N011 `ID_Igh`) and the markers per diagnosis (N012
 * `DS_Igh, ID_Igh`), the drugs of a scheme (N021 `CODE_SH, ID_LEKP`) and the conditions of care a result or
 * outcome belongs to (V009, V012 `DL_USLOV`). `parent_code` is not used (the FFOMS specs set none).
 */

/** One dated version of a directory record as `nsi.record` holds it (dates ISO `YYYY-MM-DD`). */
export interface DirectoryRow {
  directory: string;
  code: string;
  dateBeg: string;
  dateEnd: string | null;
  parent?: string | null;
  attrs?: Readonly<Record<string, string>> | null;
}

/**
 * The directories the checks read and, for each, the `attrs` fields they need (the loader selects only these:
 * F002's records carry addresses and licences nobody here reads). Every other field may be left out.
 */
export const registryDirectoryAttrs = {
  MKB10: [],
  F002: [],
  F008: [],
  F011: [],
  V002: [],
  V005: [],
  V006: [],
  V008: [],
  V009: ['DL_USLOV'],
  V010: [],
  V012: ['DL_USLOV'],
  V014: [],
  V016: [],
  V017: [],
  V020: [],
  V021: [],
  V024: [],
  V025: [],
  V027: [],
  V028: [],
  V029: [],
  N001: [],
  N002: ['DS_St'],
  N003: ['DS_T'],
  N004: ['DS_N'],
  N005: ['DS_M'],
  N006: ['DS_gr', 'ID_St', 'ID_T', 'ID_N', 'ID_M'],
  N007: [],
  N008: ['ID_Mrf'],
  N009: ['DS_Mrf', 'ID_Mrf'],
  N010: [],
  N011: ['ID_Igh'],
  N012: ['DS_Igh', 'ID_Igh'],
  N013: [],
  N014: [],
  N015: [],
  N016: [],
  N017: [],
  N018: [],
  N019: [],
  N020: [],
  N021: ['CODE_SH', 'ID_LEKP'],
} as const satisfies Record<string, readonly string[]>;

export type RegistryDirectory = keyof typeof registryDirectoryAttrs;

/** The directory codes the loader must load from `nsi.record` for the registry FLK. */
export const registryDirectoryCodes = Object.keys(registryDirectoryAttrs) as readonly RegistryDirectory[];

const openEnd = '9999-12-31';
const noAttrs: Readonly<Record<string, string>> = Object.freeze({});

interface Span {
  readonly beg: string;
  /** Inclusive; an open end is `9999-12-31`. */
  readonly end: string;
  readonly attrs: Readonly<Record<string, string>>;
}

function spanOn(spans: readonly Span[] | undefined, onDate: string): Span | undefined {
  if (spans === undefined) return undefined;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.beg <= onDate && onDate <= s.end) return s;
  }
  return undefined;
}

/** Keeps a code's versions newest first: the cases checked are mostly recent, so the first version answers. */
function insertNewestFirst(spans: Span[], span: Span): void {
  let i = spans.length;
  while (i > 0 && spans[i - 1]!.beg < span.beg) i--;
  spans.splice(i, 0, span);
}

/** `"007"` → `"7"`; a code of zeros only stays `"0"`. Only called when the code as sent was not found. */
function withoutLeadingZeros(code: string): string | undefined {
  if (code.length < 2 || code.charCodeAt(0) !== 48) return undefined;
  let i = 0;
  while (i < code.length - 1 && code.charCodeAt(i) === 48) i++;
  return code.slice(i);
}

/** The versions of one directory's codes. */
export class DirectoryTable {
  private readonly byCode = new Map<string, Span[]>();

  constructor(readonly directory: string) {}

  /** @internal */
  add(code: string, span: Span): void {
    const spans = this.byCode.get(code);
    if (spans) insertNewestFirst(spans, span);
    else this.byCode.set(code, [span]);
  }

  get size(): number {
    return this.byCode.size;
  }

  private version(code: string, onDate: string): Span | undefined {
    const found = spanOn(this.byCode.get(code), onDate);
    if (found !== undefined) return found;
    // Numeric codes sent with leading zeros («01» for V006 «1») name the same record.
    const bare = withoutLeadingZeros(code);
    return bare === undefined ? undefined : spanOn(this.byCode.get(bare), onDate);
  }

  /** Whether the code has a version valid on the date. */
  valid(code: string, onDate: string): boolean {
    return this.version(code, onDate) !== undefined;
  }

  /** A field of the code's version valid on the date (undefined: no such version, or the field is empty). */
  attr(code: string, onDate: string, field: string): string | undefined {
    return this.version(code, onDate)?.attrs[field];
  }
}

/**
 * A relationship directory read by a key field: which values (a code of the directory itself or a field of its
 * records) each key allows on a date. Keys that are diagnoses are looked up by the full code, then by its
 * three-character category; the records without a key (`''`) hold for every diagnosis the directory does not list.
 */
class Relation {
  private readonly byKey = new Map<string, { beg: string; end: string; values: Map<string, Span[]> }>();

  add(key: string, value: string, span: Span): void {
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { beg: span.beg, end: span.end, values: new Map() };
      this.byKey.set(key, entry);
    } else {
      if (span.beg < entry.beg) entry.beg = span.beg;
      if (span.end > entry.end) entry.end = span.end;
    }
    const spans = entry.values.get(value);
    if (spans) insertNewestFirst(spans, span);
    else entry.values.set(value, [span]);
  }

  private listed(key: string, onDate: string): boolean {
    const entry = this.byKey.get(key);
    return entry !== undefined && entry.beg <= onDate && onDate <= entry.end;
  }

  /** The key a diagnosis reads on a date: itself, its category, the keyless records (`''`) or none. */
  diagnosisKey(ds: string, onDate: string, keyless: boolean): string | undefined {
    if (this.listed(ds, onDate)) return ds;
    if (ds.length > 3) {
      const category = ds.slice(0, 3);
      if (this.listed(category, onDate)) return category;
    }
    if (keyless && this.listed('', onDate)) return '';
    return undefined;
  }

  /** Whether the key is listed on the date. */
  has(key: string, onDate: string): boolean {
    return this.listed(key, onDate);
  }

  /** Whether the key allows the value on the date. */
  allows(key: string, value: string, onDate: string): boolean {
    const values = this.byKey.get(key)?.values;
    if (values === undefined) return false;
    if (spanOn(values.get(value), onDate) !== undefined) return true;
    const bare = withoutLeadingZeros(value);
    return bare !== undefined && spanOn(values.get(bare), onDate) !== undefined;
  }
}

/** The onco staging directories whose records belong to a diagnosis. */
export type StagingDirectory = 'N002' | 'N003' | 'N004' | 'N005';

const stagingDiagnosisField: Record<StagingDirectory, string> = {
  N002: 'DS_St',
  N003: 'DS_T',
  N004: 'DS_N',
  N005: 'DS_M',
};

/** How a code relates to a diagnosis in a relationship directory. */
export type Fit = 'fits' | 'other' | 'unlisted';

const emptyTable = (directory: string) => new DirectoryTable(directory);

/**
 * The directory book: validity of codes on a date and the relationship directories' answers. Build it once per
 * import (`directoryBook(rows)`), then ask it for every case: every answer is a few map look-ups, no allocation.
 */
export class DirectoryBook {
  private readonly tables = new Map<string, DirectoryTable>();
  private readonly staging = new Map<StagingDirectory, Relation>();
  /** N006: key diagnosis → `ID_St|ID_T|ID_N|ID_M`. */
  private readonly tnm = new Relation();
  private readonly histology = new Relation();
  private readonly markers = new Relation();
  private readonly schemes = new Relation();

  constructor(rows: Iterable<DirectoryRow>) {
    for (const d of Object.keys(stagingDiagnosisField) as StagingDirectory[])
      this.staging.set(d, new Relation());
    for (const row of rows) this.add(row);
  }

  private add(row: DirectoryRow): void {
    if (row.code === '') return;
    const attrs = row.attrs ?? noAttrs;
    const span: Span = { beg: row.dateBeg, end: row.dateEnd ?? openEnd, attrs };
    let table = this.tables.get(row.directory);
    if (!table) {
      table = new DirectoryTable(row.directory);
      this.tables.set(row.directory, table);
    }
    table.add(row.code, span);
    switch (row.directory) {
      case 'N002':
      case 'N003':
      case 'N004':
      case 'N005':
        this.staging
          .get(row.directory)!
          .add(attrs[stagingDiagnosisField[row.directory]] ?? '', row.code, span);
        break;
      case 'N006':
        if (attrs.DS_gr)
          this.tnm.add(attrs.DS_gr, tnmKey(attrs.ID_St, attrs.ID_T, attrs.ID_N, attrs.ID_M), span);
        break;
      case 'N009':
        if (attrs.DS_Mrf && attrs.ID_Mrf) this.histology.add(attrs.DS_Mrf, attrs.ID_Mrf, span);
        break;
      case 'N012':
        if (attrs.DS_Igh && attrs.ID_Igh) this.markers.add(attrs.DS_Igh, attrs.ID_Igh, span);
        break;
      case 'N021':
        if (attrs.CODE_SH && attrs.ID_LEKP) this.schemes.add(attrs.CODE_SH, attrs.ID_LEKP, span);
        break;
    }
  }

  /** Whether a directory was loaded at all (a check of an absent directory would reject everything). */
  has(directory: string): boolean {
    return this.tables.has(directory);
  }

  /** One directory's codes (an empty table when it was not loaded). */
  table(directory: string): DirectoryTable {
    return this.tables.get(directory) ?? emptyTable(directory);
  }

  /** Whether the code has a version valid on the date. */
  valid(directory: string, code: string, onDate: string): boolean {
    return this.tables.get(directory)?.valid(code, onDate) ?? false;
  }

  /** A field of the code's version valid on the date. */
  attr(directory: string, code: string, onDate: string, field: string): string | undefined {
    return this.tables.get(directory)?.attr(code, onDate, field);
  }

  /**
   * Whether a stage (N002), T (N003), N (N004) or M (N005) code belongs to the diagnosis on the date: the records
   * of the diagnosis itself or its category, or, for a diagnosis the directory does not list, the records
   * without a diagnosis. `unlisted`: the directory has nothing for this diagnosis on the date.
   */
  stagingFit(directory: StagingDirectory, code: string, ds: string, onDate: string): Fit {
    const relation = this.staging.get(directory)!;
    const key = relation.diagnosisKey(ds, onDate, true);
    if (key === undefined) return 'unlisted';
    return relation.allows(key, code, onDate) ? 'fits' : 'other';
  }

  /**
   * Whether the stage and T, N, M codes form a group of N006 for the diagnosis on the date; `unlisted` when
   * N006 has no groups for the diagnosis (nothing to compare).
   */
  tnmFit(ds: string, stage: string, t: string, n: string, m: string, onDate: string): Fit {
    const key = this.tnm.diagnosisKey(ds, onDate, false);
    if (key === undefined) return 'unlisted';
    return this.tnm.allows(key, tnmKey(stage, t, n, m), onDate) ? 'fits' : 'other';
  }

  /** Whether a histology type (N007) is one N009 gives for the diagnosis; `unlisted`: none for it. */
  histologyFit(ds: string, histology: string, onDate: string): Fit {
    return fitOf(this.histology, ds, histology, onDate);
  }

  /** Whether a marker (N010) is one N012 gives for the diagnosis; `unlisted`: none for it. */
  markerFit(ds: string, marker: string, onDate: string): Fit {
    return fitOf(this.markers, ds, marker, onDate);
  }

  /** Whether a drug (N020) belongs to the scheme (V024) by N021; `unlisted`: N021 lists no drugs for it. */
  drugFit(scheme: string, drug: string, onDate: string): Fit {
    if (!this.schemes.has(scheme, onDate)) return 'unlisted';
    return this.schemes.allows(scheme, drug, onDate) ? 'fits' : 'other';
  }
}

function fitOf(relation: Relation, ds: string, value: string, onDate: string): Fit {
  const key = relation.diagnosisKey(ds, onDate, false);
  if (key === undefined) return 'unlisted';
  return relation.allows(key, value, onDate) ? 'fits' : 'other';
}

function tnmKey(
  stage: string | undefined,
  t: string | undefined,
  n: string | undefined,
  m: string | undefined,
): string {
  return `${stage ?? ''}|${t ?? ''}|${n ?? ''}|${m ?? ''}`;
}

/** The book of the given rows (`nsi.record` versions of `registryDirectoryCodes`). */
export function directoryBook(rows: Iterable<DirectoryRow>): DirectoryBook {
  return new DirectoryBook(rows);
}
