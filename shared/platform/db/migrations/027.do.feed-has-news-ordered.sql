-- `hosp.feed_has_news` (migration 026) asked `exists (…)` over each key range. PL/pgSQL keeps a generic plan after
-- five calls, and for `exists` over a range whose bounds it does not know the planner expects many matches and
-- takes a sequential scan that stops at the first one — which, for a poll that finds nothing, reads the whole
-- table (a nothing-new poll went from 0.1 to 15 ms under load). Each look-up is now written as the page query
-- itself reads it: the first row of the range in the range's index order, which every plan answers from that
-- index (the same form read-plans.int.test.ts checks for the pages).
create or replace function hosp.feed_has_news(
  p_username text, p_org_code text, p_org_kind text, p_role text, p_channel text, p_request_id text,
  p_feed text, p_sent boolean, p_after bigint)
  returns boolean
  language plpgsql
  set search_path = pg_catalog, pg_temp as $$
declare
  last constant bigint := 9223372036854775807;
  mo constant boolean := p_org_kind = 'MO';
  smo constant boolean := p_org_kind = 'SMO';
begin
  perform set_config('omslink.username', p_username, true),
          set_config('omslink.org_code', p_org_code, true),
          set_config('omslink.org_kind', p_org_kind, true),
          set_config('omslink.role', p_role, true),
          set_config('omslink.channel', p_channel, true),
          set_config('omslink.request_id', coalesce(p_request_id, ''), true);
  if p_feed = 'referrals' then
    if mo and p_sent then
      perform 1 from hosp.referral r
      where (r.from_mo_code, r.change_seq) > (p_org_code, p_after)
        and (r.from_mo_code, r.change_seq) <= (p_org_code, last)
      order by r.from_mo_code, r.change_seq limit 1;
    elsif mo then
      perform 1 from hosp.referral r
      where (r.to_mo_code, r.change_seq) > (p_org_code, p_after)
        and (r.to_mo_code, r.change_seq) <= (p_org_code, last)
      order by r.to_mo_code, r.change_seq limit 1;
    elsif smo then
      perform 1 from hosp.referral r
      where (r.smo_code, r.change_seq) > (p_org_code, p_after)
        and (r.smo_code, r.change_seq) <= (p_org_code, last)
      order by r.smo_code, r.change_seq limit 1;
    else
      perform 1 from hosp.referral r where r.change_seq > p_after order by r.change_seq limit 1;
    end if;
    return found;
  elsif p_feed = 'admissions' then
    if mo and p_sent then
      perform 1 from hosp.stay s
      where (s.mo_code, s.change_seq) > (p_org_code, p_after)
        and (s.mo_code, s.change_seq) <= (p_org_code, last)
      order by s.mo_code, s.change_seq limit 1;
    elsif mo then
      perform 1 from hosp.stay s
      where (s.referring_mo_code, s.change_seq) > (p_org_code, p_after)
        and (s.referring_mo_code, s.change_seq) <= (p_org_code, last)
      order by s.referring_mo_code, s.change_seq limit 1;
    elsif smo then
      perform 1 from hosp.stay s
      where (s.smo_code, s.change_seq) > (p_org_code, p_after)
        and (s.smo_code, s.change_seq) <= (p_org_code, last)
      order by s.smo_code, s.change_seq limit 1;
    else
      perform 1 from hosp.stay s where s.change_seq > p_after order by s.change_seq limit 1;
    end if;
    return found;
  elsif p_feed = 'events' then
    if smo then
      perform 1 from hosp.event e
      where (e.smo_code, e.change_seq) > (p_org_code, p_after)
        and (e.smo_code, e.change_seq) <= (p_org_code, last)
      order by e.smo_code, e.change_seq limit 1;
    elsif mo then
      perform 1 from hosp.event e
      where (e.from_mo_code, e.change_seq) > (p_org_code, p_after)
        and (e.from_mo_code, e.change_seq) <= (p_org_code, last)
      order by e.from_mo_code, e.change_seq limit 1;
      if found then
        return true;
      end if;
      perform 1 from hosp.event e
      where (e.to_mo_code, e.change_seq) > (p_org_code, p_after)
        and (e.to_mo_code, e.change_seq) <= (p_org_code, last)
      order by e.to_mo_code, e.change_seq limit 1;
    else
      perform 1 from hosp.event e where e.change_seq > p_after order by e.change_seq limit 1;
    end if;
    return found;
  elsif p_feed = 'free-beds' then
    perform 1 from hosp.free_beds b where b.change_seq > p_after order by b.change_seq limit 1;
    return found;
  end if;
  raise exception 'unknown feed %', p_feed using errcode = '22023';
end $$;
