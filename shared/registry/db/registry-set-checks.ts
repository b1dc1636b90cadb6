import type { Phase } from '../../platform/bulk/phases';
import type { Fragment } from '../../platform/bulk/sql-lists';
import type { Tx } from '../../platform/db/connection';

/**
 * The FLK of a staged package that needs the whole package or the register (set-based, after the read): keys
 * repeated in the file, cases whose patient the L-file lacks or got wrong, the person against the register and
 * the insurance on the case's date (as МЭК checks them), and the МО's stored cases (a repeat or a correction).
 * Findings go straight into the protocol; a case with an error is marked `ok = false` and merges nothing.
 * These rules are not configurable: without them the case cannot be stored.
 */

export const fixedRegistryRules = {
  'REG.IDCASE.DUPLICATE': {
    code: '905',
    basEl: 'Z_SL',
    field: 'IDCASE',
    message: 'Номер случая IDCASE повторяется в пакете: каждый случай должен иметь свой номер',
  },
  'REG.PACIENT.NO_PERS': {
    code: '904',
    basEl: 'PACIENT',
    field: 'ID_PAC',
    message: 'Пациента с этим ID_PAC нет в файле персональных данных (L-файле) пакета',
  },
  'REG.PACIENT.PERS_INVALID': {
    code: '904',
    basEl: 'PACIENT',
    field: 'ID_PAC',
    message: 'Сведения о пациенте в файле персональных данных содержат ошибки: исправьте запись PERS',
  },
  'REG.PERSON.NOT_FOUND': {
    code: '904',
    basEl: 'PACIENT',
    field: 'NPOLIS',
    message:
      'Застрахованное лицо не найдено в региональном сегменте ЕРЗ ни по ЕНП, ни по СНИЛС, ни по ФИО, дате рождения и документу (F014 5.2.2)',
  },
  'REG.PERSON.NOT_INSURED': {
    code: '904',
    basEl: 'Z_SL',
    field: 'DATE_Z_2',
    message: 'На дату окончания случая у лица нет действующего полиса ОМС (F014 5.2.5)',
  },
  'REG.IDCASE.SUBMITTED': {
    code: '905',
    basEl: 'Z_SL',
    field: 'IDCASE',
    message:
      'Случай с этим IDCASE уже принят от медицинской организации; исправленный случай передайте с PR_NOV=1',
  },
} as const;

export type FixedRegistryRule = keyof typeof fixedRegistryRules;

/**
 * Inserts a finding of a configured rule (`flk.rule`: its code, severity and message; nothing when it is off)
 * for every record of `file` that `source` answers (columns: ordinal, value).
 */
function configured(
  tx: Tx,
  id: number,
  rule: string,
  file: 'case' | 'person',
  basEl: string,
  source: Fragment,
) {
  const records = file === 'case' ? tx`registry.stage_case` : tx`registry.stage_person`;
  return tx`
    insert into registry.import_error (import_id, file, ordinal, seq, severity, code, rule, bas_el, field, value,
                                       message, n_zap, idcase, sl_id, id_pac)
    select ${id}, ${file}, f.ordinal, 2000 + row_number() over (partition by f.ordinal order by f.field),
           r.severity, r.f012_code, r.id, ${basEl}, coalesce(f.field, r.field), f.value, r.message,
           ${file === 'case' ? tx`x.n_zap::text` : tx`null`}, ${file === 'case' ? tx`x.idcase::text` : tx`null`},
           f.sl_id, x.id_pac
    from (${source}) f
    join ${records} x on x.import_id = ${id} and x.ordinal = f.ordinal
    join flk.rule r on r.id = ${rule} and r.severity <> 'off'
      and r.date_beg <= current_date and (r.date_end is null or r.date_end >= current_date)`;
}

const markPersonsRejected = (tx: Tx, id: number) => tx`
  update registry.stage_person p set ok = false
  where p.import_id = ${id} and p.ok and exists (
    select 1 from registry.import_error e
    where e.import_id = ${id} and e.file = 'person' and e.ordinal = p.ordinal and e.severity = 'error')`;

/** Inserts a finding of `rule` for every case `source` answers (columns: ordinal, value). */
function fixed(tx: Tx, id: number, rule: FixedRegistryRule, source: Fragment) {
  const r = fixedRegistryRules[rule];
  return tx`
    insert into registry.import_error (import_id, file, ordinal, seq, severity, code, rule, bas_el, field, value,
                                       message, n_zap, idcase, id_pac)
    select ${id}, 'case', f.ordinal, 1000 + row_number() over (partition by f.ordinal order by f.ordinal),
           'error', ${r.code}, ${rule}, ${r.basEl}, ${r.field}, f.value, ${r.message},
           c.n_zap::text, c.idcase::text, c.id_pac
    from (${source}) f
    join registry.stage_case c on c.import_id = ${id} and c.ordinal = f.ordinal`;
}

const markRejected = (tx: Tx, id: number) => tx`
  update registry.stage_case c set ok = false
  where c.import_id = ${id} and c.ok and exists (
    select 1 from registry.import_error e
    where e.import_id = ${id} and e.file = 'case' and e.ordinal = c.ordinal and e.severity = 'error')`;

/**
 * The rules that need the patient's age, when the case checks ran without the L-file's birth dates (the main
 * file came first in the archive): a case before the patient's birth, TNM missing at the first treatment of an
 * adult, the scheme «нет» (children only) for an adult. The same rules as `domain/` (case-checks.ts, onco-checks.ts).
 */
async function ageRules(tx: Tx, id: number, phase: Phase): Promise<void> {
  const patients = tx`
    registry.stage_case c
    join registry.stage_person p on p.import_id = c.import_id and p.id_pac = c.id_pac and p.ok and p.dr is not null`;
  const notNewborn = tx`c.novor = '0'`;
  await phase(
    'checks: case before birth',
    configured(
      tx,
      id,
      'REG.ZSL.BIRTH',
      'case',
      'Z_SL',
      tx`select c.ordinal, c.date_z_1::text as value, null::text as field, null::text as sl_id
         from ${patients}
         where c.import_id = ${id} and c.ok and ${notNewborn} and c.date_z_1 < p.dr`,
    ),
  );
  await phase(
    'checks: TNM of an adult',
    configured(
      tx,
      id,
      'REG.ONK_SL.TNM.REQUIRED',
      'case',
      'ONK_SL',
      tx`select c.ordinal, null::text as value, t.tag as field, s.sl_id
         from ${patients}
         join registry.stage_sl s on s.import_id = c.import_id and s.ordinal = c.ordinal
         cross join lateral (values ('ONK_T', s.onk_t), ('ONK_N', s.onk_n), ('ONK_M', s.onk_m)) t(tag, value)
         where c.import_id = ${id} and c.ok and ${notNewborn} and s.ds1_t = 0 and t.value is null
           and (s.onk_t is null or s.onk_n is null or s.onk_m is null)
           and p.dr <= s.date_1 - interval '18 years'`,
    ),
  );
  await phase(
    'checks: scheme «нет» for an adult',
    configured(
      tx,
      id,
      'REG.NSI.V024',
      'case',
      'LEK_PR',
      tx`select c.ordinal, 'нет' as value, 'CODE_SH' as field, s.sl_id
         from ${patients}
         join registry.stage_sl s on s.import_id = c.import_id and s.ordinal = c.ordinal
         where c.import_id = ${id} and c.ok and ${notNewborn} and s.no_scheme
           and p.dr <= s.date_1 - interval '18 years'`,
    ),
  );
}

export async function checkStaged(
  tx: Tx,
  id: number,
  moCode: string,
  phase: Phase,
  options: { ageRules: boolean } = { ageRules: false },
): Promise<{ left: boolean }> {
  // Findings of the read and the record checks (RLS refuses COPY into the protocol table).
  await phase(
    'checks: record findings',
    tx`insert into registry.import_error
         (import_id, file, ordinal, seq, severity, code, rule, bas_el, field, value, message, n_zap, idcase,
          sl_id, idserv, id_pac)
       select import_id, file, ordinal, seq, severity, code, rule, bas_el, field, value, message, n_zap,
              idcase, sl_id, idserv, id_pac
       from registry.stage_finding where import_id = ${id}`,
  );
  // Keys repeated across records: the first keeps it, each later one is a finding (F012 905).
  await phase(
    'checks: N_ZAP repeated',
    configured(
      tx,
      id,
      'REG.ZAP.N_ZAP.DUPLICATE',
      'case',
      'ZAP',
      tx`select ordinal, n_zap::text as value, null::text as field, null::text as sl_id from (
           select ordinal, n_zap, row_number() over (partition by n_zap order by ordinal) as nth
           from registry.stage_case where import_id = ${id} and n_zap is not null) k
         where nth > 1`,
    ),
  );
  await phase(
    'checks: ID_PAC repeated',
    configured(
      tx,
      id,
      'REG.PERS.ID_PAC.DUPLICATE',
      'person',
      'PERS',
      tx`select ordinal, id_pac as value, null::text as field, null::text as sl_id from (
           select ordinal, id_pac, row_number() over (partition by id_pac order by ordinal) as nth
           from registry.stage_person where import_id = ${id} and id_pac is not null) k
         where nth > 1`,
    ),
  );
  // A patient without a single policy (VPOLIS ≠ 3 in the main file) needs the document's date and issuer.
  for (const [rule, column] of [
    ['REG.PERS.DOCDATE.REQUIRED', tx`has_doc_date`],
    ['REG.PERS.DOCORG.REQUIRED', tx`has_doc_org`],
  ] as const) {
    await phase(
      `checks: ${rule}`,
      configured(
        tx,
        id,
        rule,
        'person',
        'PERS',
        tx`select p.ordinal, null::text as value, null::text as field, null::text as sl_id
           from registry.stage_person p
           where p.import_id = ${id} and p.ok and not p.${column} and exists (
             select 1 from registry.stage_case c
             where c.import_id = ${id} and c.id_pac = p.id_pac and c.vpolis is distinct from 3)`,
      ),
    );
  }
  await phase('checks: mark persons rejected', markPersonsRejected(tx, id));
  if (options.ageRules) await ageRules(tx, id, phase);
  await phase(
    'checks: IDCASE repeated',
    fixed(
      tx,
      id,
      'REG.IDCASE.DUPLICATE',
      tx`select ordinal, idcase::text as value from registry.stage_case
         where import_id = ${id} and idcase in (
           select idcase from registry.stage_case where import_id = ${id} and idcase is not null
           group by idcase having count(*) > 1)`,
    ),
  );
  await phase(
    'checks: patient not in the L-file',
    fixed(
      tx,
      id,
      'REG.PACIENT.NO_PERS',
      tx`select c.ordinal, c.id_pac as value from registry.stage_case c
         where c.import_id = ${id} and c.ok and not exists (
           select 1 from registry.stage_person p where p.import_id = ${id} and p.id_pac = c.id_pac)`,
    ),
  );
  await phase(
    'checks: patient wrong in the L-file',
    fixed(
      tx,
      id,
      'REG.PACIENT.PERS_INVALID',
      tx`select c.ordinal, c.id_pac as value from registry.stage_case c
         where c.import_id = ${id} and c.ok
           and exists (select 1 from registry.stage_person p
                       where p.import_id = ${id} and p.id_pac = c.id_pac and not p.ok)`,
    ),
  );
  await phase('checks: mark rejected', markRejected(tx, id));

  // The register checks below concern the accepted cases not merged while reading; mostly there are none.
  const [left] = await phase(
    'checks: cases left to the end',
    tx<{ any: boolean }[]>`
      select exists (select 1 from registry.stage_case where import_id = ${id} and ok and not merged) as any`,
  );
  if (!left!.any) return { left: false };

  await phase('checks: resolve persons', tx`select registry.resolve_staged_persons(${id})`);
  await phase(
    'checks: person not found',
    fixed(
      tx,
      id,
      'REG.PERSON.NOT_FOUND',
      tx`select ordinal, npolis as value from registry.stage_case
         where import_id = ${id} and ok and person_id is null`,
    ),
  );
  await phase(
    'checks: insurance',
    fixed(
      tx,
      id,
      'REG.PERSON.NOT_INSURED',
      tx`select i.ordinal, c.date_z_2::text as value
         from registry.check_staged_insurance(${id}) i
         join registry.stage_case c on c.import_id = ${id} and c.ordinal = i.ordinal`,
    ),
  );
  await phase('checks: mark rejected', markRejected(tx, id));

  // The МО's stored cases with the same IDCASE: a repeat (PR_NOV=0) or the case a correction replaces.
  await phase(
    'checks: corrections',
    tx`update registry.stage_case c set replaces = k.zcase_id
       from registry.staged_key_conflicts(${id}, ${moCode}) k
       where c.import_id = ${id} and c.ordinal = k.ordinal and k.pr_nov = 1`,
  );
  await phase(
    'checks: repeats',
    fixed(
      tx,
      id,
      'REG.IDCASE.SUBMITTED',
      tx`select k.ordinal, c.idcase::text as value
         from registry.staged_key_conflicts(${id}, ${moCode}) k
         join registry.stage_case c on c.import_id = ${id} and c.ordinal = k.ordinal
         where k.pr_nov = 0`,
    ),
  );
  await phase('checks: mark rejected', markRejected(tx, id));
  return { left: true };
}
