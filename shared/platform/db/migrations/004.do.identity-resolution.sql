-- Identity resolution against the regional segment of ЕРЗ (DOMAIN §4.4): ЕНП → СНИЛС → ФИО + birth date +
-- identity document. Inbound records of every channel name persons who may be outside the sender's scope (a
-- referral to another hospital, an СМО asking about a new insured person), so resolution is a SECURITY DEFINER
-- function that answers only the person's id, how it was found, and the policy valid on the record's date —
-- never other persons' data. Callers audit what they then read.

create function person.resolve_identity(
  p_enp text, p_snils text, p_fam text, p_im text, p_ot text, p_birth_date date,
  p_doc_ser text, p_doc_num text, p_on_date date, p_require_document boolean default true)
returns table (
  person_id bigint, method text, candidates integer, mismatch boolean,
  policy_type smallint, policy_number text, smo_code text, policy_date_beg date, policy_date_end date)
  language plpgsql stable security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  found_id bigint;
  how text;
  n integer := 0;
  differs boolean := false;
  on_date date := coalesce(p_on_date, current_date);
begin
  if nullif(p_enp, '') is not null then
    select p.id into found_id from person.person p where p.enp = p_enp;
    if found_id is not null then how := 'enp'; n := 1; end if;
  end if;
  if found_id is null and nullif(p_snils, '') is not null then
    select p.id into found_id from person.person p where p.snils = p_snils;
    if found_id is not null then how := 'snils'; n := 1; end if;
  end if;
  if found_id is null and nullif(p_fam, '') is not null and nullif(p_im, '') is not null
     and p_birth_date is not null
     and (nullif(p_doc_num, '') is not null or not p_require_document) then
    select count(*)::int, min(c.id) into n, found_id
    from (
      select distinct p.id from person.person p
      left join person.document d on d.person_id = p.id
      where upper(p.fam) = upper(p_fam) and upper(p.im) = upper(p_im)
        and (nullif(p_ot, '') is null or upper(coalesce(p.ot, '')) = upper(p_ot))
        and p.birth_date = p_birth_date
        and (nullif(p_doc_num, '') is null
             or (p.doc_num = p_doc_num and coalesce(p.doc_ser, '') = coalesce(p_doc_ser, coalesce(p.doc_ser, '')))
             or (d.doc_num = p_doc_num and coalesce(d.doc_ser, '') = coalesce(p_doc_ser, coalesce(d.doc_ser, ''))))
    ) c;
    if n = 1 then
      how := case when nullif(p_doc_num, '') is null then 'fio_birth' else 'fio_birth_document' end;
    else
      found_id := null;
    end if;
  end if;
  if found_id is not null and how in ('enp', 'snils') then
    select (nullif(p_fam, '') is not null and upper(p.fam) <> upper(p_fam))
        or (nullif(p_im, '') is not null and upper(p.im) <> upper(p_im))
        or (p_birth_date is not null and p.birth_date <> p_birth_date)
      into differs
    from person.person p where p.id = found_id;
  end if;
  return query
    select found_id, how, n, coalesce(differs, false),
           po.policy_type, po.number, po.smo_code, po.date_beg, po.date_end
    from (select 1) one
    left join lateral (
      select * from person.policy x
      where x.person_id = found_id and x.date_beg <= on_date and (x.date_end is null or x.date_end >= on_date)
      order by x.date_beg desc limit 1) po on true;
end $$;

-- The insurance-affiliation answer (the ЕРЗ ZP1 idea): the identified person's ЕНП and name, the policy valid on
-- the date with its СМО, and the current attachment — for a caller entitled to ask (checked by the handler).
create function person.insurance_affiliation(p_person_id bigint, p_on_date date)
returns table (
  enp text, fam text, im text, ot text, birth_date date, sex smallint,
  policy_type smallint, policy_number text, smo_code text, smo_name text, policy_date_beg date,
  policy_date_end date, mo_code text, mo_name text, district_code text, attached_since date)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select p.enp, p.fam, p.im, p.ot, p.birth_date, p.sex,
         po.policy_type, po.number, po.smo_code, smo.short_name, po.date_beg, po.date_end,
         a.mo_code, mo.short_name, a.district_code, a.date_beg
  from person.person p
  left join lateral (
    select * from person.policy x
    where x.person_id = p.id and x.date_beg <= coalesce(p_on_date, current_date)
      and (x.date_end is null or x.date_end >= coalesce(p_on_date, current_date))
    order by x.date_beg desc limit 1) po on true
  left join org.organisation smo on smo.code = po.smo_code
  left join lateral (
    select * from person.attachment x
    where x.person_id = p.id and x.date_beg <= coalesce(p_on_date, current_date)
      and (x.date_end is null or x.date_end >= coalesce(p_on_date, current_date))
    order by x.date_beg desc limit 1) a on true
  left join org.organisation mo on mo.code = a.mo_code
  where p.id = p_person_id $$;

create index person_fam_upper on person.person (upper(fam), birth_date);
