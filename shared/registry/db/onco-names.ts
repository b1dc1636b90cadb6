import type { Tx } from '../../platform/db/connection';

/** A code with its name from НСИ (the UI shows the name and the code on hover); null name: not in НСИ. */
export interface Coded {
  code: string;
  name: string | null;
}

/** An organisation by its code (F003 МО, F002 СМО) with its short name (org.organisation). */
export interface OrgRef {
  code: string;
  name: string | null;
}

/** Directories whose codes are numbers: a file's `01` is the directory's `1`. N020 (`000001`) and V024 are text. */
const numericCodes = /^(N0(0\d|1\d)|V0\d\d)$/;

/** The code as the directory writes it. */
export function directoryCode(directory: string, code: string): string {
  return numericCodes.test(directory) && /^\d+$/.test(code) ? String(Number(code)) : code;
}

/**
 * Names for many codes at once: every `code(…)` hands out a `Coded` whose name `resolve` fills in with one
 * statement (`nsi.record_name_on` for each distinct directory, code and date — the name valid on the date of the
 * case or event, else the latest), and every `org(…)` an `OrgRef` named from org.organisation. A timeline of a
 * few dozen cases costs two statements for all its names.
 */
export class NameBook {
  private readonly codes = new Map<
    string,
    { directory: string; code: string; date: string | null; refs: Coded[] }
  >();
  private readonly orgs = new Map<string, OrgRef[]>();

  code(directory: string, code: string | number | null | undefined, date: string | null): Coded | null {
    if (code === null || code === undefined || code === '') return null;
    const text = String(code);
    const ref: Coded = { code: text, name: null };
    const lookup = directoryCode(directory, text);
    const key = `${directory}\u0000${lookup}\u0000${date ?? ''}`;
    const entry = this.codes.get(key);
    if (entry) entry.refs.push(ref);
    else this.codes.set(key, { directory, code: lookup, date, refs: [ref] });
    return ref;
  }

  org(code: string | null | undefined): OrgRef | null {
    if (code === null || code === undefined || code === '') return null;
    const ref: OrgRef = { code, name: null };
    const refs = this.orgs.get(code);
    if (refs) refs.push(ref);
    else this.orgs.set(code, [ref]);
    return ref;
  }

  async resolve(tx: Tx): Promise<void> {
    const entries = [...this.codes.values()];
    if (entries.length > 0) {
      const names = await tx<{ n: string; name: string | null }[]>`
        select k.n::text, r.name
        from unnest(${entries.map((e) => e.directory)}::text[], ${entries.map((e) => e.code)}::text[],
                    ${entries.map((e) => e.date)}::date[]) with ordinality as k (directory, code, day, n)
        left join lateral nsi.record_name_on(k.directory, k.code, k.day) r on true`;
      for (const row of names) {
        const entry = entries[Number(row.n) - 1];
        if (entry) for (const ref of entry.refs) ref.name = row.name;
      }
    }
    const codes = [...this.orgs.keys()];
    if (codes.length > 0) {
      const named = await tx<{ code: string; name: string }[]>`
        select code, short_name as name from org.organisation where code = any(${codes}::text[])`;
      for (const row of named) for (const ref of this.orgs.get(row.code) ?? []) ref.name = row.name;
    }
  }
}
