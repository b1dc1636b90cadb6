import type { Db } from '../../platform/db/connection';
import type {
  OrganisationCreate,
  OrganisationFields,
  OrganisationListQuery,
} from '../domain/organisation-input';

export interface OrganisationListItem {
  code: string;
  kind: 'MO' | 'SMO' | 'TFOMS';
  name: string;
  shortName: string;
  moKind: 'polyclinic' | 'hospital' | 'combined' | null;
  dateBeg: string;
  dateEnd: string | null;
  departments: number;
  districts: number;
  doctors: number;
  beds: number;
}

/** Organisations with the sizes of their structure: filter by kind and text (code prefix or name words), paged. */
export async function listOrganisations(db: Db, query: OrganisationListQuery) {
  const { kind, q, page, pageSize, sort } = query;
  const text = q?.trim() ?? '';
  const like = `%${escapeLike(text)}%`;
  const filter = db`
    true
    ${kind ? db`and o.kind = ${kind}` : db``}
    ${text ? db`and (o.code like ${`${escapeLike(text)}%`} or o.name ilike ${like} or o.short_name ilike ${like})` : db``}`;
  const order = {
    code: db`o.code asc`,
    '-code': db`o.code desc`,
    name: db`o.short_name asc, o.code asc`,
    '-name': db`o.short_name desc, o.code desc`,
    beds: db`beds asc, o.code asc`,
    '-beds': db`beds desc, o.code asc`,
  }[sort];
  const [items, total] = await Promise.all([
    db<OrganisationListItem[]>`
      select o.code, o.kind, o.name, o.short_name as "shortName", o.mo_kind as "moKind",
             o.date_beg as "dateBeg", o.date_end as "dateEnd",
             (select count(*) from org.department d where d.mo_code = o.code)::int as departments,
             (select count(*) from org.district s where s.mo_code = o.code)::int as districts,
             (select count(*) from org.doctor p where p.mo_code = o.code)::int as doctors,
             (select coalesce(sum(b.beds), 0) from org.department_bed b
                join org.department d on d.id = b.department_id where d.mo_code = o.code)::int as beds
      from org.organisation o
      where ${filter}
      order by ${order}
      limit ${pageSize} offset ${(page - 1) * pageSize}`,
    db<{ n: number }[]>`select count(*)::int as n from org.organisation o where ${filter}`,
  ]);
  return { items: [...items], total: total[0]?.n ?? 0, page, pageSize };
}

export interface OrganisationRecord {
  code: string;
  kind: 'MO' | 'SMO' | 'TFOMS';
  name: string;
  shortName: string;
  moKind: 'polyclinic' | 'hospital' | 'combined' | null;
  regionCode: string;
  okato: string | null;
  inn: string | null;
  ogrn: string | null;
  kpp: string | null;
  address: string | null;
  phone: string | null;
  dateBeg: string;
  dateEnd: string | null;
  updatedAt: Date;
}

/** One organisation's requisites; `forUpdate` locks the row for the rest of the transaction. */
export async function findOrganisationRecord(
  db: Db,
  code: string,
  forUpdate = false,
): Promise<OrganisationRecord | null> {
  const [row] = await db<OrganisationRecord[]>`
    select code, kind, name, short_name as "shortName", mo_kind as "moKind", region_code as "regionCode", okato,
           inn, ogrn, kpp, address, phone, date_beg as "dateBeg", date_end as "dateEnd", updated_at as "updatedAt"
    from org.organisation where code = ${code} ${forUpdate ? db`for update` : db``}`;
  return row ?? null;
}

/** The region of this installation: the ТФОМС organisation's code and ОКАТО. */
export async function homeRegion(db: Db): Promise<{ regionCode: string; okato: string | null } | null> {
  const [row] = await db<{ regionCode: string; okato: string | null }[]>`
    select region_code as "regionCode", okato from org.organisation where kind = 'TFOMS' order by code limit 1`;
  return row ?? null;
}

export async function insertOrganisation(
  db: Db,
  input: OrganisationCreate,
  regionCode: string,
): Promise<void> {
  await db`
    insert into org.organisation (code, kind, name, short_name, mo_kind, region_code, okato, inn, ogrn, kpp,
                                  address, phone, date_beg, date_end)
    values (${input.code}, ${input.kind}, ${input.name}, ${input.shortName}, ${input.moKind ?? null},
            ${regionCode}, ${input.okato}, ${input.inn}, ${input.ogrn}, ${input.kpp}, ${input.address},
            ${input.phone}, ${input.dateBeg}, ${input.dateEnd ?? null})`;
}

/** Updates the requisites; answers false when RLS or a missing row left nothing to update. */
export async function updateOrganisation(db: Db, code: string, input: OrganisationFields): Promise<boolean> {
  const rows = await db`
    update org.organisation set
      name = ${input.name}, short_name = ${input.shortName}, mo_kind = ${input.moKind ?? null},
      okato = ${input.okato}, inn = ${input.inn}, ogrn = ${input.ogrn}, kpp = ${input.kpp},
      address = ${input.address}, phone = ${input.phone}, date_beg = ${input.dateBeg},
      date_end = ${input.dateEnd ?? null}, updated_at = now()
    where code = ${code}
    returning code`;
  return rows.length > 0;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
