-- Issue 13 (exam schedules' completeness): a district (участок) may serve a remote settlement — one the МО reaches
-- with mobile teams (DOMAIN §2.4.2, `meth` 2). The completeness check asks such an МО for mobile-team hours every
-- month. Kept by the register of organisations with the district.
alter table org.district add column remote boolean not null default false;
