-- Outbox dispatch bookkeeping, the once-per-tenant record of scheduled runs, and the job
-- queue's schema opened to the app role so jobs can be enqueued inside a tenant transaction.

-- Which subscribers already handled an event, how often dispatch failed, why, and when to retry.
alter table events
  add column dispatched_to text[] not null default '{}',
  add column dispatch_attempts integer not null default 0,
  add column dispatch_error text,
  add column dispatch_after timestamptz;

-- Wakes listening dispatchers (PostgreSQL) as soon as a transaction that wrote events commits;
-- notifications with the same payload in one transaction are folded into one.
create or replace function sightline_events_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('sightline_events', '');
  return null;
end $$;
create trigger events_notify after insert on events for each statement execute function sightline_events_notify();

-- One row per (tenant, schedule, local fire minute): the primary key is what makes a tenant
-- schedule fire exactly once however many instances tick at the same moment.
create table tenant_schedule_runs (
  tenant_id uuid not null references tenants(id) on delete cascade,
  schedule_id text not null,
  local_time text not null,
  scheduled_for timestamptz not null,
  job_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, schedule_id, local_time)
);
select sightline_tenant_rls('tenant_schedule_runs');

-- pg-boss installs its tables here on first start; the app role may read queues and add jobs.
create schema if not exists pgboss;
grant usage on schema pgboss to sightline_app;
alter default privileges in schema pgboss grant select, insert on tables to sightline_app;
