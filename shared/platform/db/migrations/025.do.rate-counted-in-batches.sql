-- Rate counting without a write per call (issue 10). One row per account and minute, updated by every call, made
-- every concurrent call of a busy account queue on that row's lock, and its dead versions grew through the minute
-- (the same statement took longer the more calls the minute had seen). Now each process counts the calls of a
-- credential it has verified in memory and adds them to the account's minute at most about once a second
-- (functions/lib/system-credentials.ts): `p_add` is the number of calls to add, 0 reads the minute's count
-- without writing. A process's own calls are exact; another process's lag by at most its batch.
drop function auth.system_call(text, text, boolean);

create function auth.system_call(p_username text, p_source text, p_add integer)
  returns table (username text, kind text, role text, org_code text, status text, rate_limit_per_minute integer,
                 secret_ids bigint[], throttle_failures integer, blocked_until timestamptz, calls integer)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  counted integer;
begin
  if p_add > 0 then
    insert into auth.rate_window as w (username, window_start, calls)
    values (lower(p_username), date_trunc('minute', now()), p_add)
    on conflict on constraint rate_window_pkey do update set calls = w.calls + p_add
    returning w.calls into counted;
    -- Nothing else empties the counter: about one batch in a hundred forgets the minutes long gone.
    if random() < 0.01 then
      delete from auth.rate_window where window_start < now() - interval '10 minutes';
    end if;
  else
    select w.calls into counted from auth.rate_window w
    where w.username = lower(p_username) and w.window_start = date_trunc('minute', now());
    counted := coalesce(counted, 0);
  end if;
  return query
    select a.username, a.kind, a.role, a.org_code, a.status, a.rate_limit_per_minute,
           array(select s.id from auth.system_secret s
                 where s.username = a.username and s.revoked_at is null
                   and (s.expires_at is null or s.expires_at > now())),
           t.failures, t.blocked_until, counted
    from (select lower(p_username) as name) q
    left join auth.account a on a.username = q.name
    left join auth.sign_in_throttle t
      on t.username = q.name and t.source = p_source and t.last_failure_at >= now() - interval '1 day';
end $$;
grant execute on function auth.system_call(text, text, integer) to omslink_app;
