-- A SOAP call's authentication and rate counting in one statement (issue 10). Until now each call ran the
-- source's throttle state, the account, its active secrets and a separately committed counter write — four round
-- trips before any work. `auth.system_call` answers all of it at once; with `p_count` (the caller already holds
-- this credential verified, functions/lib/system-credentials.ts) it also counts the call in the account's
-- current minute (auth.rate_window, unlogged: no WAL for a counter). A credential not verified yet is counted only
-- after scrypt accepted it (auth.count_call), so wrong secrets never use up an МО's calls.
--
-- The limit is per account, set by an administrator; null means the system default (OMSLINK_SYSTEM_RATE_LIMIT
-- calls a minute, shared/platform/config.ts). The old fixed default of 600 a minute stopped a busy hospital's
-- MIS at 10 requests/s: accounts still on it take the system default.
alter table auth.account alter column rate_limit_per_minute drop not null;
alter table auth.account alter column rate_limit_per_minute drop default;
update auth.account set rate_limit_per_minute = null where rate_limit_per_minute = 600;

create function auth.system_call(p_username text, p_source text, p_count boolean)
  returns table (username text, kind text, role text, org_code text, status text, rate_limit_per_minute integer,
                 secret_ids bigint[], throttle_failures integer, blocked_until timestamptz, calls integer)
  language plpgsql security definer
  set search_path = pg_catalog, pg_temp as $$
declare
  counted integer;
begin
  if p_count then
    insert into auth.rate_window as w (username, window_start, calls)
    values (lower(p_username), date_trunc('minute', now()), 1)
    on conflict on constraint rate_window_pkey do update set calls = w.calls + 1
    returning w.calls into counted;
    -- Nothing else empties the counter: about one call in a thousand forgets the minutes long gone.
    if random() < 0.001 then
      delete from auth.rate_window where window_start < now() - interval '10 minutes';
    end if;
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
grant execute on function auth.system_call(text, text, boolean) to omslink_app;
