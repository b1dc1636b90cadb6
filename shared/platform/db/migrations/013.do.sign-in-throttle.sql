-- Nobody can lock an МО's integration out by knowing its system account name (defect 7). Until now five wrong
-- secrets from anywhere locked a system account for 15 minutes (auth.account.failed_attempts/locked_until,
-- migration 002), its own system included. System sign-ins are now throttled per source address and account:
-- after the fifth failure in a row that source waits 1 s before trying that account again, then 2 s, 4 s … at most
-- 15 minutes (the schedule is shared/platform/access/sign-in.ts `backoffDelayMs`); a success resets that source's
-- count; a count idle for a day starts again. The account itself stays usable from every other source. People's
-- accounts keep their lock-out.
--
-- Sign-in happens before there is a caller: the application role has no privilege on the table (RLS on, no
-- policy) and reaches it only through the SECURITY DEFINER functions below, which answer one (source, account).

create table auth.sign_in_throttle (
  username         text not null,
  source           text not null,
  failures         integer not null check (failures > 0),
  last_failure_at  timestamptz not null,
  blocked_until    timestamptz,
  primary key (username, source)
);
create index sign_in_throttle_idle on auth.sign_in_throttle (last_failure_at);
alter table auth.sign_in_throttle enable row level security;

-- The failures in a row of this source for this account, and until when it must wait (no row: none).
create function auth.sign_in_throttle_state(p_source text, p_username text)
  returns table (failures integer, blocked_until timestamptz)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp as $$
  select t.failures, t.blocked_until from auth.sign_in_throttle t
  where t.username = lower(p_username) and t.source = p_source
    and t.last_failure_at >= now() - interval '1 day' $$;

-- Counts a failure of this source for this account and answers the failures in a row so far. Rows idle for a
-- day are forgotten on the way (a stranger cycling through names leaves nothing behind for long).
create function auth.record_sign_in_failure(p_source text, p_username text) returns integer
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  delete from auth.sign_in_throttle where last_failure_at < now() - interval '1 day';
  insert into auth.sign_in_throttle as t (username, source, failures, last_failure_at)
  values (lower(p_username), p_source, 1, now())
  on conflict (username, source) do update
    set failures = t.failures + 1, last_failure_at = now()
  returning failures $$;

-- This source may not try this account again before p_until.
create function auth.block_sign_in(p_source text, p_username text, p_until timestamptz) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  update auth.sign_in_throttle set blocked_until = p_until
  where username = lower(p_username) and source = p_source $$;

-- A success from this source: its count starts again.
create function auth.clear_sign_in_failures(p_source text, p_username text) returns void
  language sql security definer
  set search_path = pg_catalog, pg_temp as $$
  delete from auth.sign_in_throttle where username = lower(p_username) and source = p_source $$;

grant execute on function auth.sign_in_throttle_state(text, text), auth.record_sign_in_failure(text, text),
  auth.block_sign_in(text, text, timestamptz), auth.clear_sign_in_failures(text, text) to omslink_app;

-- System accounts are no longer locked as a whole: lift what the old rule left behind.
update auth.account set failed_attempts = 0, locked_until = null
where kind = 'system' and (failed_attempts <> 0 or locked_until is not null);
