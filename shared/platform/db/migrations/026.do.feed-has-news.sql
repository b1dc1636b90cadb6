-- Polls that find nothing new, in one statement (issue 10). A receiver polls its feeds every few minutes and most
-- polls find nothing; answering one took a transaction — BEGIN, the caller's context, the page query, COMMIT —
-- after the sign-in statement. `hosp.feed_has_news` tells the caller's context to the database and asks whether
-- the feed's key range after the cursor holds anything, in one statement: its own implicit transaction carries the
-- context (`set_config(…, true)` lasts until the statement ends), and it runs with the caller's rights, so row-level
-- security scopes the look-up as it scopes every read. Only when it answers true does the page itself run
-- (shared/hospitalisation/db/feeds.ts, `readFeedPage`).
--
-- The ranges are those `readFeed` reads, each within what the row-level policies let the caller see: an answer of
-- true whose page is then empty costs a transaction; an answer of false is never wrong (tested against `readFeed`
-- for every feed and organisation kind, test/integration/feed-has-news.int.test.ts).
create function hosp.feed_has_news(
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
      return exists (select 1 from hosp.referral r
                     where (r.from_mo_code, r.change_seq) > (p_org_code, p_after)
                       and (r.from_mo_code, r.change_seq) <= (p_org_code, last));
    elsif mo then
      return exists (select 1 from hosp.referral r
                     where (r.to_mo_code, r.change_seq) > (p_org_code, p_after)
                       and (r.to_mo_code, r.change_seq) <= (p_org_code, last));
    elsif smo then
      return exists (select 1 from hosp.referral r
                     where (r.smo_code, r.change_seq) > (p_org_code, p_after)
                       and (r.smo_code, r.change_seq) <= (p_org_code, last));
    end if;
    return exists (select 1 from hosp.referral r where r.change_seq > p_after);
  elsif p_feed = 'admissions' then
    if mo and p_sent then
      return exists (select 1 from hosp.stay s
                     where (s.mo_code, s.change_seq) > (p_org_code, p_after)
                       and (s.mo_code, s.change_seq) <= (p_org_code, last));
    elsif mo then
      return exists (select 1 from hosp.stay s
                     where (s.referring_mo_code, s.change_seq) > (p_org_code, p_after)
                       and (s.referring_mo_code, s.change_seq) <= (p_org_code, last));
    elsif smo then
      return exists (select 1 from hosp.stay s
                     where (s.smo_code, s.change_seq) > (p_org_code, p_after)
                       and (s.smo_code, s.change_seq) <= (p_org_code, last));
    end if;
    return exists (select 1 from hosp.stay s where s.change_seq > p_after);
  elsif p_feed = 'events' then
    if smo then
      return exists (select 1 from hosp.event e
                     where (e.smo_code, e.change_seq) > (p_org_code, p_after)
                       and (e.smo_code, e.change_seq) <= (p_org_code, last));
    elsif mo then
      return exists (select 1 from hosp.event e
                     where (e.from_mo_code, e.change_seq) > (p_org_code, p_after)
                       and (e.from_mo_code, e.change_seq) <= (p_org_code, last))
          or exists (select 1 from hosp.event e
                     where (e.to_mo_code, e.change_seq) > (p_org_code, p_after)
                       and (e.to_mo_code, e.change_seq) <= (p_org_code, last));
    end if;
    return exists (select 1 from hosp.event e where e.change_seq > p_after);
  elsif p_feed = 'free-beds' then
    return exists (select 1 from hosp.free_beds b where b.change_seq > p_after);
  end if;
  raise exception 'unknown feed %', p_feed using errcode = '22023';
end $$;
grant execute on function hosp.feed_has_news(text, text, text, text, text, text, text, boolean, bigint)
  to omslink_app;
