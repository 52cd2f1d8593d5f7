-- Alerts: the one mechanism by which any module raises something for a person's attention
-- (workbench list); each alert names its kind, its evidence and the record it is about.
create table alerts (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  kind text not null check (kind ~ '^[a-z][a-z0-9_.]{0,79}$'),
  severity text not null default 'info' check (severity in ('info', 'warning', 'critical')),
  title text not null,
  body text,
  entity text,
  entity_id uuid,
  evidence jsonb not null default '{}',
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  resolved_at timestamptz
);
create index alerts_user_open on alerts (tenant_id, user_id, resolved_at, created_at desc, id);
create unique index alerts_dedupe on alerts (tenant_id, user_id, dedupe_key) where dedupe_key is not null and resolved_at is null;
select sightline_tenant_rls('alerts');
