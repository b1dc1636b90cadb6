-- Identity resolution by ФИО ignores what does not tell persons apart (defect 4): letter case, «ё» written as «е»
-- (Russian texts and registers mix them freely) and repeated or outer spaces. Surname, name and patronymic compare
-- on a normalised form, `person.norm_name`, mirrored by `nameKey` in shared/person/domain/identity-input.ts.
--
-- The function is IMMUTABLE and a plain SQL expression without SET options, so the planner inlines it both in the
-- index below and in the look-up of `person.resolve_identity`: the look-up by ФИО + birth date stays an index scan
-- (it replaces the upper(fam) index of migration 004, which nothing else can use: person search filters with
-- LIKE, which a btree under a non-C collation does not serve).

-- Spaces: [[:space:]] plus the no-break and other Unicode spaces the C.UTF-8 class may not hold.
create function person.norm_name(p_name text) returns text
  language sql immutable parallel safe as $$
  select pg_catalog.btrim(pg_catalog.regexp_replace(
           pg_catalog.upper(pg_catalog.translate(p_name, 'ёЁ', 'еЕ')),
           '[[:space:]\u00a0\u2000-\u200a\u202f\u205f\u3000]+', ' ', 'g')) $$;

create index person_name_norm on person.person (person.norm_name(fam), birth_date);
drop index person.person_fam_upper;

-- The same function as in migration 004, comparing ФИО on person.norm_name, and answering the person's sex too
-- (V005: 1 male, 2 female; the sex-specific FLK of inbound records needs it and the caller may not read the row).
drop function person.resolve_identity(text, text, text, text, text, date, text, text, date, boolean);
create function person.resolve_identity(
  p_enp text, p_snils text, p_fam text, p_im text, p_ot text, p_birth_date date,
  p_doc_ser text, p_doc_num text, p_on_date date, p_require_document boolean default true)
returns table (
  person_id bigint, method text, candidates integer, mismatch boolean,
  policy_type smallint, policy_number text, smo_code text, policy_date_beg date, policy_date_end date,
  sex smallint)
  language plpgsql stable security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  found_id bigint;
  how text;
  n integer := 0;
  differs boolean := false;
  on_date date := coalesce(p_on_date, current_date);
  fam_key text := person.norm_name(p_fam);
  im_key text := person.norm_name(p_im);
  ot_key text := person.norm_name(p_ot);
begin
  if nullif(p_enp, '') is not null then
    select p.id into found_id from person.person p where p.enp = p_enp;
    if found_id is not null then how := 'enp'; n := 1; end if;
  end if;
  if found_id is null and nullif(p_snils, '') is not null then
    select p.id into found_id from person.person p where p.snils = p_snils;
    if found_id is not null then how := 'snils'; n := 1; end if;
  end if;
  if found_id is null and nullif(fam_key, '') is not null and nullif(im_key, '') is not null
     and p_birth_date is not null
     and (nullif(p_doc_num, '') is not null or not p_require_document) then
    select count(*)::int, min(c.id) into n, found_id
    from (
      select distinct p.id from person.person p
      left join person.document d on d.person_id = p.id
      where person.norm_name(p.fam) = fam_key and p.birth_date = p_birth_date
        and person.norm_name(p.im) = im_key
        and (nullif(ot_key, '') is null or coalesce(person.norm_name(p.ot), '') = ot_key)
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
    select (nullif(fam_key, '') is not null and person.norm_name(p.fam) <> fam_key)
        or (nullif(im_key, '') is not null and person.norm_name(p.im) <> im_key)
        or (p_birth_date is not null and p.birth_date <> p_birth_date)
      into differs
    from person.person p where p.id = found_id;
  end if;
  return query
    select found_id, how, n, coalesce(differs, false),
           po.policy_type, po.number, po.smo_code, po.date_beg, po.date_end,
           (select p.sex from person.person p where p.id = found_id)
    from (select 1) one
    left join lateral (
      select * from person.policy x
      where x.person_id = found_id and x.date_beg <= on_date and (x.date_end is null or x.date_end >= on_date)
      order by x.date_beg desc limit 1) po on true;
end $$;
