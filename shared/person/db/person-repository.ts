import type postgres from 'postgres';
import type { Db } from '../../platform/db/connection';
import { nameKey } from '../domain/identity-input';
import { normaliseSnils, parseSearchText, type SearchWords } from '../domain/search-text';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export interface PersonListQuery {
  q?: string;
  enp?: string;
  snils?: string;
  fam?: string;
  birthDate?: string;
  smoCode?: string;
  moCode?: string;
  page: number;
  pageSize: number;
  sort: 'fam' | '-fam' | 'birthDate' | '-birthDate' | 'enp';
}

export interface PersonListItem {
  id: string;
  enp: string;
  snils: string | null;
  fam: string;
  im: string;
  ot: string | null;
  sex: number;
  birthDate: string;
  smoCode: string | null;
  smoShortName: string | null;
  moCode: string | null;
  moShortName: string | null;
  districtCode: string | null;
}

/**
 * The beginning of a surname as a range of its key (person.surname_key, "C" collation): an index condition under
 * row-level security, in the list's own order.
 */
function surnameRange(db: Db, v: string): Fragment {
  const key = nameKey(v);
  return db`p.surname_key >= ${key} and p.surname_key < ${`${key}\u{10FFFF}`}`;
}

/** Conditions on `person.person p` for what a search text names (`parseSearchText`); none for empty text. */
function searchTextConditions(db: Db, words: SearchWords): Fragment[] {
  const like = (v: string) => `${v.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return [
    // A 16-digit number is an ЕНП (the number of a policy of the new type); other numbers: a policy's.
    words.enp && db`p.enp = ${words.enp}`,
    words.snils && db`p.snils = ${words.snils}`,
    words.policy && db`p.id in (select x.person_id from person.policy x where x.number = ${words.policy})`,
    words.birthDate && db`p.birth_date = ${words.birthDate}`,
    words.fam && surnameRange(db, words.fam),
    words.im && db`upper(p.im) like ${like(words.im)}`,
  ].filter((c) => Boolean(c)) as Fragment[];
}

/**
 * The ids of the persons a search text names («Иванов Пётр 01.02.1980», an ЕНП, a СНИЛС, a policy number), as a
 * subquery for a filter on another table's `person_id` (the referral and stay lists' patient filter); null when
 * the text names nothing.
 */
export function personIdsMatching(db: Db, text: string): Fragment | null {
  const conditions = searchTextConditions(db, parseSearchText(text));
  if (conditions.length === 0) return null;
  const where = conditions.reduce((acc, c) => db`${acc} and ${c}`);
  return db`select p.id from person.person p where ${where}`;
}

/**
 * Persons matching the filters, with the policy and attachment valid today. Row-level security limits the rows
 * to the caller's scope (an МО: attached or linked persons; an СМО: its insured; ТФОМС: all), so a filter on
 * another СМО simply finds nobody. Free text `q` (`parseSearchText`): an ЕНП, a СНИЛС, a policy number, a
 * birth date and the beginnings of the surname and name, in any combination.
 */
export async function searchPersons(
  db: Db,
  query: PersonListQuery,
): Promise<{ items: PersonListItem[]; hasMore: boolean }> {
  const surname = (v: string) => surnameRange(db, v);
  const snils = query.snils ? normaliseSnils(query.snils) : null;
  const current = (alias: string) =>
    db`${db(alias)}.date_beg <= current_date and (${db(alias)}.date_end is null or ${db(alias)}.date_end >= current_date)`;
  const conditions = [
    ...searchTextConditions(db, parseSearchText(query.q)),
    query.enp && db`p.enp = ${query.enp}`,
    snils && db`p.snils = ${snils}`,
    query.fam && surname(query.fam),
    query.birthDate && db`p.birth_date = ${query.birthDate}`,
    query.smoCode &&
      db`p.id in (select x.person_id from person.policy x where x.smo_code = ${query.smoCode} and ${current('x')})`,
    query.moCode &&
      db`p.id in (select x.person_id from person.attachment x where x.mo_code = ${query.moCode} and ${current('x')})`,
  ].filter((c) => Boolean(c)) as Fragment[];
  const where = conditions.reduce((acc, c) => db`${acc} and ${c}`, db`true`);
  const order = {
    fam: db`p.surname_key, p.im, p.birth_date, p.id`,
    '-fam': db`p.surname_key desc, p.im desc, p.birth_date desc, p.id desc`,
    birthDate: db`p.birth_date, p.id`,
    '-birthDate': db`p.birth_date desc, p.id desc`,
    enp: db`p.enp`,
  }[query.sort];
  const offset = (query.page - 1) * query.pageSize;
  // The page is chosen on person.person alone; the policy and attachment of today are looked up for its rows only.
  // One row more than the page tells whether another page follows (no count of the caller's whole scope).
  const rows = await db<PersonListItem[]>`
      with page as (
        select p.* from person.person p where ${where}
        order by ${order} limit ${query.pageSize + 1} offset ${offset})
      select p.id::text, p.enp, p.snils, p.fam, p.im, p.ot, p.sex, p.birth_date as "birthDate",
             po.smo_code as "smoCode", smo.short_name as "smoShortName",
             a.mo_code as "moCode", mo.short_name as "moShortName", a.district_code as "districtCode"
      from page p
      left join lateral (
        select smo_code from person.policy x where x.person_id = p.id and ${current('x')}
        order by x.date_beg desc limit 1) po on true
      left join lateral (
        select mo_code, district_code from person.attachment x where x.person_id = p.id and ${current('x')}
        order by x.date_beg desc limit 1) a on true
      left join org.organisation smo on smo.code = po.smo_code
      left join org.organisation mo on mo.code = a.mo_code
      order by ${order}`;
  return { items: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize };
}

export interface PersonCard {
  person: {
    id: string;
    enp: string;
    snils: string | null;
    fam: string;
    im: string;
    ot: string | null;
    sex: number;
    birthDate: string;
    phone: string | null;
    docType: number | null;
    docSer: string | null;
    docNum: string | null;
    erzUpdatedAt: Date | null;
  };
  documents: {
    docType: number;
    docTypeName: string | null;
    docSer: string | null;
    docNum: string;
    docDate: string | null;
  }[];
  policies: {
    id: string;
    policyType: number;
    policyTypeName: string | null;
    number: string;
    smoCode: string;
    smoShortName: string | null;
    dateBeg: string;
    dateEnd: string | null;
    closeReason: string | null;
    current: boolean;
  }[];
  attachments: {
    id: string;
    moCode: string;
    moShortName: string | null;
    districtCode: string;
    doctorSnils: string;
    doctorName: string | null;
    dateBeg: string;
    dateEnd: string | null;
    current: boolean;
  }[];
}

/** A person's card within the caller's scope, or null when the person is outside it (or does not exist). */
export async function findPersonCard(db: Db, id: string): Promise<PersonCard | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [person] = await db<PersonCard['person'][]>`
    select id::text, enp, snils, fam, im, ot, sex, birth_date as "birthDate", phone, doc_type as "docType",
           doc_ser as "docSer", doc_num as "docNum", erz_updated_at as "erzUpdatedAt"
    from person.person where id = ${id}`;
  if (!person) return null;
  const [documents, policies, attachments] = await Promise.all([
    db<PersonCard['documents']>`
      select d.doc_type as "docType", f.name as "docTypeName", d.doc_ser as "docSer", d.doc_num as "docNum",
             d.doc_date as "docDate"
      from person.document d
      left join lateral (select name from nsi.record r where r.directory_code = 'F011' and r.code = d.doc_type::text
                         order by r.date_beg desc limit 1) f on true
      where d.person_id = ${id} order by d.doc_date desc nulls last`,
    db<PersonCard['policies']>`
      select po.id::text, po.policy_type as "policyType", f.name as "policyTypeName", po.number,
             po.smo_code as "smoCode", smo.short_name as "smoShortName", po.date_beg as "dateBeg",
             po.date_end as "dateEnd", po.close_reason as "closeReason",
             (po.date_beg <= current_date and (po.date_end is null or po.date_end >= current_date)) as current
      from person.policy po
      left join org.organisation smo on smo.code = po.smo_code
      left join lateral (select name from nsi.record r where r.directory_code = 'F008'
                           and r.code = po.policy_type::text order by r.date_beg desc limit 1) f on true
      where po.person_id = ${id} order by po.date_beg desc`,
    db<PersonCard['attachments']>`
      select a.id::text, a.mo_code as "moCode", mo.short_name as "moShortName", a.district_code as "districtCode",
             a.doctor_snils as "doctorSnils",
             nullif(concat_ws(' ', d.fam, d.im, d.ot), '') as "doctorName",
             a.date_beg as "dateBeg", a.date_end as "dateEnd",
             (a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date)) as current
      from person.attachment a
      left join org.organisation mo on mo.code = a.mo_code
      left join org.doctor d on d.mo_code = a.mo_code and d.snils = a.doctor_snils
      where a.person_id = ${id} order by a.date_beg desc`,
  ]);
  return { person, documents, policies, attachments };
}

export interface AffiliationRow {
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
  policyType: number | null;
  policyNumber: string | null;
  smoCode: string | null;
  smoName: string | null;
  policyDateBeg: string | null;
  policyDateEnd: string | null;
  moCode: string | null;
  moName: string | null;
  districtCode: string | null;
  attachedSince: string | null;
}

/** The insurance-affiliation answer for an identified person (across scopes: the ZP1 query's purpose). */
export async function insuranceAffiliation(
  db: Db,
  personId: string,
  onDate: string | undefined,
): Promise<AffiliationRow | null> {
  const [row] = await db<AffiliationRow[]>`
    select enp, fam, im, ot, birth_date as "birthDate", sex, policy_type as "policyType",
           policy_number as "policyNumber", smo_code as "smoCode", smo_name as "smoName",
           policy_date_beg as "policyDateBeg", policy_date_end as "policyDateEnd", mo_code as "moCode",
           mo_name as "moName", district_code as "districtCode", attached_since as "attachedSince"
    from person.insurance_affiliation(${personId}, ${onDate ?? null}::date)`;
  return row ?? null;
}
