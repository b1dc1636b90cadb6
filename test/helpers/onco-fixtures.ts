import { randomBytes } from 'node:crypto';
import type { Sql } from '../../shared/platform/db/connection';

/**
 * A tiny builder of the oncology register's rows for tests: cases (registry.zcase), their SL with the onco block
 * (registry.sl) and services (registry.usl) inserted directly with the owner's connection — what the registry
 * import writes, without a package — plus the `registry` person links the import makes (the sending МО then sees
 * the person), and the register rows (`registry.refresh_onco_persons`). The onco block's arrays hold tag-named
 * objects with the leaves as text, exactly as the reader hands them on (shared/registry/domain/registry-tags.ts).
 */

export interface NaprSpec {
  NAPR_DATE: string;
  NAPR_MO?: string;
  NAPR_V: string;
  MET_ISSL?: string;
  NAPR_USL?: string;
}
export interface ConsSpec {
  PR_CONS: string;
  DT_CONS?: string;
}
export interface BDiagSpec {
  DIAG_DATE: string;
  DIAG_TIP: string;
  DIAG_CODE: string;
  DIAG_RSLT?: string;
  REC_RSLT?: string;
}
export interface BProtSpec {
  PROT: string;
  D_PROT: string;
}
export interface OnkUslSpec {
  USL_TIP: string;
  HIR_TIP?: string;
  LEK_TIP_L?: string;
  LEK_TIP_V?: string;
  LEK_PR?: { REGNUM: string; CODE_SH: string; DATE_INJ: string[] }[];
  PPTR?: string;
  LUCH_TIP?: string;
}

export interface SlSpec {
  date1: string;
  date2?: string;
  ds1: string;
  profil?: number;
  dsOnk?: 0 | 1;
  cZab?: number;
  dn?: number;
  napr?: NaprSpec[];
  cons?: ConsSpec[];
  onk?: {
    ds1t: number;
    stad?: number;
    t?: number;
    n?: number;
    m?: number;
    mtstz?: number;
    sod?: number;
    kFr?: number;
    wei?: number;
    hei?: number;
    bsa?: number;
    bDiag?: BDiagSpec[];
    bProt?: BProtSpec[];
    onkUsl?: OnkUslSpec[];
  };
  services?: {
    code: string;
    dateIn: string;
    dateOut?: string;
    profil?: number;
    ds?: string;
    vidVme?: string;
  }[];
}

export interface CaseSpec {
  personId: string;
  moCode: string;
  smoCode: string | null;
  fileKind?: string;
  sl: SlSpec[];
}

/** ЗНО by МКБ-10 (C00–C97, D00–D09), as registry.is_zno. */
export function isZnoCode(ds: string): boolean {
  return /^C[0-8]\d/.test(ds) || /^C9[0-7]/.test(ds) || /^D0\d/.test(ds);
}

/** The first day of treatment as the import sets it: the earliest drug day, else DATE_1, when USL_TIP 1–4. */
function treatmentDateOf(sl: SlSpec): string | null {
  const services = sl.onk?.onkUsl ?? [];
  if (!services.some((u) => ['1', '2', '3', '4'].includes(u.USL_TIP))) return null;
  const days = services.flatMap((u) => (u.LEK_PR ?? []).flatMap((d) => d.DATE_INJ)).sort();
  return days[0] !== undefined && days[0] >= sl.date1 ? days[0] : sl.date1;
}

let idcase = 0;

/**
 * Inserts the cases (one import per МО in the batch), links each case's МО to its person, and refreshes the
 * register for the persons touched. Returns the ids of the cases in order.
 */
export async function insertOncoCases(sql: Sql, cases: readonly CaseSpec[]): Promise<string[]> {
  const ids: string[] = [];
  await sql.begin(async (tx) => {
    // Set-up, not a package: the statement-level audit triggers stay quiet as for a package.
    await tx`select set_config('omslink.audit_bulk', 'on', true)`;
    const [uslMo] = await tx<{ n: number }[]>`
      select count(*)::int as n from information_schema.columns
      where table_schema = 'registry' and table_name = 'usl' and column_name = 'mo_code'`;
    const imports = new Map<string, string>();
    for (const moCode of new Set(cases.map((c) => c.moCode))) {
      const [row] = await tx<{ id: string }[]>`
        insert into registry.import (channel, file_name, file_sha256, status, uploaded_by, org_code, role, file_kind,
                                     mo_code, period_year, period_month)
        values ('file', 'fixture.zip', ${randomBytes(32).toString('hex')}, 'done', 'fixture', ${moCode},
                'mo_system', 'C', ${moCode}, 2026, 1)
        returning id::text`;
      imports.set(moCode, row!.id);
    }
    for (const c of cases) {
      idcase += 1;
      const first = c.sl.map((s) => s.date1).sort()[0]!;
      const last = c.sl
        .map((s) => s.date2 ?? s.date1)
        .sort()
        .at(-1)!;
      const onco = c.sl.some((s) => s.dsOnk === 1 || isZnoCode(s.ds1) || s.onk !== undefined);
      const [z] = await tx<{ id: string }[]>`
        insert into registry.zcase (import_id, mo_code, idcase, file_kind, period_year, period_month, nschet, n_zap,
                                    pr_nov, id_pac, person_id, smo_code, usl_ok, vidpom, for_pom, lpu, date_z_1,
                                    date_z_2, rslt, ishod, idsp, sumv, onco, data)
        values (${imports.get(c.moCode)!}, ${c.moCode}, ${9_000_000 + idcase}, ${c.fileKind ?? 'C'},
                ${Number(last.slice(0, 4))}, ${Number(last.slice(5, 7))}, 'F1', ${idcase}, 0, ${`P${idcase}`},
                ${c.personId}, ${c.smoCode}, 3, 13, 3, ${c.moCode}, ${first}, ${last}, 301, 304, 29, 1000.00,
                ${onco}, '{}')
        returning id::text`;
      ids.push(z!.id);
      for (const [seq, s] of c.sl.entries()) {
        const onk = s.onk;
        const onkUsl = onk?.onkUsl ?? [];
        const slOnco = s.dsOnk === 1 || isZnoCode(s.ds1) || onk !== undefined;
        const [slRow] = await tx<{ id: string }[]>`
          insert into registry.sl (zcase_id, person_id, mo_code, seq, sl_id, profil, det, nhistory, date_1, date_2,
                                   ds1, c_zab, ds_onk, dn, prvs, sum_m, onco, ds1_t, stad, onk_t, onk_n, onk_m,
                                   mtstz, sod, k_fr, wei, hei, bsa, napr, cons, b_diag, b_prot, onk_usl, usl_tips,
                                   regnums, prots, pr_cons, treatment_date)
          values (${z!.id}, ${c.personId}, ${c.moCode}, ${seq + 1}, ${`SL${idcase}-${seq + 1}`}, ${s.profil ?? 60},
                  0, ${`H${idcase}`}, ${s.date1}, ${s.date2 ?? s.date1}, ${s.ds1}, ${s.cZab ?? null},
                  ${s.dsOnk ?? 0}, ${s.dn ?? null}, 41, 1000.00, ${slOnco}, ${onk?.ds1t ?? null},
                  ${onk?.stad ?? null}, ${onk?.t ?? null}, ${onk?.n ?? null}, ${onk?.m ?? null},
                  ${onk?.mtstz ?? null}, ${onk?.sod ?? null}, ${onk?.kFr ?? null}, ${onk?.wei ?? null},
                  ${onk?.hei ?? null}, ${onk?.bsa ?? null}, ${tx.json((s.napr ?? []) as never)},
                  ${tx.json((s.cons ?? []) as never)}, ${tx.json((onk?.bDiag ?? []) as never)},
                  ${tx.json((onk?.bProt ?? []) as never)}, ${tx.json(onkUsl as never)},
                  ${[...new Set(onkUsl.map((u) => Number(u.USL_TIP)))]}::smallint[],
                  ${[...new Set(onkUsl.flatMap((u) => (u.LEK_PR ?? []).map((d) => d.REGNUM)))]}::text[],
                  ${[...new Set((onk?.bProt ?? []).map((p) => Number(p.PROT)))]}::smallint[],
                  ${[...new Set((s.cons ?? []).map((x) => Number(x.PR_CONS)))]}::smallint[],
                  ${treatmentDateOf(s)})
          returning id::text`;
        for (const [n, u] of (s.services ?? []).entries()) {
          const moColumn = uslMo!.n > 0 ? tx`, mo_code` : tx``;
          const moValue = uslMo!.n > 0 ? tx`, ${c.moCode}` : tx``;
          await tx`
            insert into registry.usl (sl_ref, person_id, seq, idserv, lpu, profil, vid_vme, det, date_in, date_out,
                                      ds, code_usl, kol_usl, sumv_usl, prvs, code_md ${moColumn})
            values (${slRow!.id}, ${c.personId}, ${n + 1}, ${`U${idcase}-${seq + 1}-${n + 1}`}, ${c.moCode},
                    ${u.profil ?? s.profil ?? 60}, ${u.vidVme ?? null}, 0, ${u.dateIn}, ${u.dateOut ?? u.dateIn},
                    ${u.ds ?? s.ds1}, ${u.code}, 1, 500.00, 41, 'D1' ${moValue})`;
        }
      }
      await tx`
        insert into person.person_link (person_id, org_code, source) values (${c.personId}, ${c.moCode}, 'registry')
        on conflict do nothing`;
    }
    const persons = [...new Set(cases.map((c) => c.personId))];
    await tx`select registry.refresh_onco_persons(${persons}::bigint[])`;
  });
  return ids;
}

/**
 * Many onco persons at once for the plan checks (set-based): for `persons` persons of the register not yet in the
 * onco register, `casesPerPerson` cases each at the person's МО of attachment (an SL with a ЗНО diagnosis, a stage
 * and a drug service, and one service), with the `registry` links and the register rows.
 */
export async function insertManyOncoCases(
  sql: Sql,
  options: { persons: number; casesPerPerson: number },
): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`select set_config('omslink.audit_bulk', 'on', true)`;
    const [uslMo] = await tx<{ n: number }[]>`
      select count(*)::int as n from information_schema.columns
      where table_schema = 'registry' and table_name = 'usl' and column_name = 'mo_code'`;
    const [imp] = await tx<{ id: string }[]>`
      insert into registry.import (channel, file_name, file_sha256, status, uploaded_by, org_code, role)
      values ('file', 'bulk.zip', ${randomBytes(32).toString('hex')}, 'done', 'fixture', 'bulk', 'mo_system')
      returning id::text`;
    await tx`
      create temporary table onco_bulk on commit drop as
      select p.id as person_id, a.mo_code, po.smo_code, row_number() over (order by p.id) as n
      from person.person p
      join lateral (select x.mo_code from person.attachment x where x.person_id = p.id
                    order by x.date_beg desc limit 1) a on true
      left join lateral (select x.smo_code from person.policy x where x.person_id = p.id
                         order by x.date_beg desc limit 1) po on true
      where not exists (select 1 from registry.onco_person o where o.person_id = p.id)
      order by p.id limit ${options.persons}`;
    await tx`
      with z as (
        insert into registry.zcase (import_id, mo_code, idcase, file_kind, period_year, period_month, nschet, n_zap,
                                    pr_nov, id_pac, person_id, smo_code, usl_ok, vidpom, for_pom, lpu, date_z_1,
                                    date_z_2, rslt, ishod, idsp, sumv, onco, data)
        select ${imp!.id}, b.mo_code, 50000000 + b.person_id * 10 + k, 'C', 2025, 1 + (k % 12), 'BULK', k, 0,
               'B' || b.n, b.person_id, b.smo_code, 3, 13, 3, b.mo_code,
               date '2025-01-01' + (b.n % 300)::int + k * 20, date '2025-01-01' + (b.n % 300)::int + k * 20 + 5,
               301, 304, 29, 1000, true, '{}'::json
        from onco_bulk b cross join generate_series(1, ${options.casesPerPerson}) k
        returning id, person_id, mo_code, date_z_1, idcase),
      s as (
        insert into registry.sl (zcase_id, person_id, mo_code, seq, sl_id, profil, det, nhistory, date_1, date_2, ds1,
                                 c_zab, ds_onk, prvs, sum_m, onco, ds1_t, stad, onk_usl, usl_tips, regnums,
                                 treatment_date)
        select z.id, z.person_id, z.mo_code, 1, 'S' || z.idcase, case when z.idcase % 3 = 0 then 60 else 97 end, 0,
               'H' || z.idcase, z.date_z_1, z.date_z_1 + 5,
               (array['C50.1', 'C34.1', 'C16.2', 'C18.7', 'C61', 'D05.1'])[1 + (z.idcase % 6)::int],
               case when z.idcase % 5 = 0 then 2 else 3 end, 0, 41, 1000, true, (z.idcase % 4)::smallint,
               (z.idcase % 300)::smallint,
               jsonb_build_array(jsonb_build_object('USL_TIP', '2', 'LEK_TIP_L', '1', 'LEK_TIP_V', '1', 'LEK_PR',
                 jsonb_build_array(jsonb_build_object('REGNUM', lpad((z.idcase % 900)::text, 6, '0'),
                   'CODE_SH', 'sh' || lpad((z.idcase % 90)::text, 4, '0'),
                   'DATE_INJ', jsonb_build_array(z.date_z_1::text))))),
               '{2}', array[lpad((z.idcase % 900)::text, 6, '0')], z.date_z_1
        from z
        returning id, person_id, mo_code, date_1)
      insert into registry.usl (sl_ref, person_id, seq, idserv, lpu, profil, det, date_in, date_out, ds, code_usl,
                                kol_usl, sumv_usl ${uslMo!.n > 0 ? tx`, mo_code` : tx``})
      select s.id, s.person_id, 1, 'U' || s.id, s.mo_code, 60, 0, s.date_1, s.date_1, 'C50.1', 'A16.20.032', 1, 500
             ${uslMo!.n > 0 ? tx`, s.mo_code` : tx``}
      from s`;
    await tx`
      insert into person.person_link (person_id, org_code, source)
      select person_id, mo_code, 'registry' from onco_bulk on conflict do nothing`;
    const [refreshed] = await tx<{ n: number }[]>`
      select registry.refresh_onco_persons(array(select person_id from onco_bulk)) as n`;
    return refreshed!.n;
  });
}
