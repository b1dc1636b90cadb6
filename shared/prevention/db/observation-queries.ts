import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';

export interface DispensaryView {
  id: string;
  sourceId: string;
  moCode: string;
  personId: string;
  fio: string;
  birthDate: string;
  enp: string;
  smoCode: string | null;
  diagnosis: string;
  diagnosisName: string | null;
  dateIn: string;
  dateOut: string | null;
  statusIn: number;
  reasonIn: number | null;
  reasonOut: number | null;
  specialty: number;
  doctorSnils: string | null;
  visits: { from: string; to: string }[];
  lastVisit: string | null;
  /** The end of the first visit window with no visit since it opened; overdue once it is past. */
  overdueFrom: string | null;
  overdue: boolean;
}

export interface DispensaryQuery {
  moCode?: string | undefined;
  personId?: string | undefined;
  /** Only open observations with a visit window past and no visit since it opened. */
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  page: number;
  pageSize: number;
}

const page = <T>(rows: T[], pageSize: number) => ({
  items: rows.slice(0, pageSize),
  hasMore: rows.length > pageSize,
});

/**
 * A page of ДН records in the caller's scope (row-level security: the МО its own, the СМО its insured, the fund
 * all), the overdue ones first (ordered by when the missed window ended), with the person and diagnosis names.
 * Audited: the records and persons shown.
 */
export async function listDispensary(
  tx: Tx,
  q: DispensaryQuery,
): Promise<{ items: DispensaryView[]; hasMore: boolean }> {
  const onlyOpen = q.open === true || q.overdue === true;
  const rows = await tx<DispensaryView[]>`
    select d.id::text, d.source_id as "sourceId", d.mo_code as "moCode", d.person_id::text as "personId",
           concat_ws(' ', p.fam, p.im, p.ot) as fio, p.birth_date::text as "birthDate", p.enp,
           d.smo_code as "smoCode", d.diagnosis, n.name as "diagnosisName", d.date_in::text as "dateIn",
           d.date_out::text as "dateOut", d.status_in as "statusIn", d.reason_in as "reasonIn",
           d.reason_out as "reasonOut", d.specialty, d.doctor_snils as "doctorSnils",
           coalesce((select json_agg(json_build_object('from', f, 'to', t)) from unnest(d.visit_from, d.visit_to) w(f, t)),
                    '[]') as visits,
           d.last_visit::text as "lastVisit", d.overdue_from::text as "overdueFrom",
           (d.date_out is null and d.overdue_from < current_date) as overdue
    from (select * from prevention.dispensary d
          where (${q.moCode ?? null}::text is null or d.mo_code = ${q.moCode ?? null})
            and (${q.personId ?? null}::bigint is null or d.person_id = ${q.personId ?? null}::bigint)
            and (not ${onlyOpen} or d.date_out is null)
            and (not ${q.overdue === true} or d.overdue_from < current_date)
          order by d.overdue_from nulls last, d.id
          limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}) d
    join person.person p on p.id = d.person_id
    left join lateral nsi.record_name_on('MKB10', d.diagnosis, d.date_in) n on true
    order by d.overdue_from nulls last, d.id`;
  const result = page(rows, q.pageSize);
  if (result.items.length > 0) {
    await audit(tx, 'read', 'prevention.dispensary', {
      records: result.items.map((i) => i.id),
      persons: result.items.map((i) => i.personId),
    });
  }
  return result;
}

export interface PolyclinicCaseView {
  id: string;
  sourceId: string;
  moCode: string;
  personId: string;
  fio: string;
  birthDate: string;
  enp: string;
  smoCode: string | null;
  dateFrom: string;
  dateTo: string;
  purpose: string;
  purposeName: string | null;
  diagnosis: string;
  diagnosisName: string | null;
  specialty: number;
  doctorSnils: string | null;
  visits: number;
  source: 'direct' | 'registry';
}

export interface PolyclinicCaseQuery {
  moCode?: string | undefined;
  personId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * A page of polyclinic service cases in the caller's scope, latest first, with the person, purpose and diagnosis
 * names. Audited.
 */
export async function listPolyclinicCases(
  tx: Tx,
  q: PolyclinicCaseQuery,
): Promise<{ items: PolyclinicCaseView[]; hasMore: boolean }> {
  const rows = await tx<PolyclinicCaseView[]>`
    select c.id::text, c.source_id as "sourceId", c.mo_code as "moCode", c.person_id::text as "personId",
           concat_ws(' ', p.fam, p.im, p.ot) as fio, p.birth_date::text as "birthDate", p.enp,
           c.smo_code as "smoCode", c.date_from::text as "dateFrom", c.date_to::text as "dateTo", c.purpose,
           pn.name as "purposeName", c.diagnosis, dn.name as "diagnosisName", c.specialty,
           c.doctor_snils as "doctorSnils", c.visits, c.source
    from (select * from prevention.polyclinic_case c
          where (${q.moCode ?? null}::text is null or c.mo_code = ${q.moCode ?? null})
            and (${q.personId ?? null}::bigint is null or c.person_id = ${q.personId ?? null}::bigint)
            and (${q.from ?? null}::date is null or c.date_to >= ${q.from ?? null}::date)
            and (${q.to ?? null}::date is null or c.date_to <= ${q.to ?? null}::date)
          order by c.date_to desc, c.id desc
          limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}) c
    join person.person p on p.id = c.person_id
    left join lateral nsi.record_name_on('V025', c.purpose, c.date_to) pn on true
    left join lateral nsi.record_name_on('MKB10', c.diagnosis, c.date_to) dn on true
    order by c.date_to desc, c.id desc`;
  const result = page(rows, q.pageSize);
  if (result.items.length > 0) {
    await audit(tx, 'read', 'prevention.polyclinic_case', {
      records: result.items.map((i) => i.id),
      persons: result.items.map((i) => i.personId),
    });
  }
  return result;
}
