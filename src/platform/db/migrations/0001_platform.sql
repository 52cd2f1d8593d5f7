-- Platform tables: tenants, users and teams, sessions and tokens, the event outbox, the
-- hash-chained audit log, custom fields, field policies, the AI suggestion ledger, imports.

do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'sightline_app') then
    create role sightline_app nologin;
  end if;
end $$;
grant usage on schema public to sightline_app;

-- Every business table calls this: row-level security keyed on the transaction's tenant.
-- Requests run as sightline_app (not the owner), so the policy applies to every one of them;
-- system work (sign-in lookup, migrations, job dispatch) runs as the owner.
create or replace function sightline_tenant_rls(tbl regclass) returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('drop policy if exists tenant_isolation on %s', tbl);
  execute format($p$create policy tenant_isolation on %s
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, tbl);
  execute format('grant select, insert, update, delete on %s to sightline_app', tbl);
end $$;

create table tenants (
  id uuid primary key,
  name text not null,
  slug text not null unique,
  time_zone text not null default 'Asia/Shanghai',
  currency text not null default 'CNY',
  created_at timestamptz not null default now()
);
alter table tenants enable row level security;
create policy tenant_self on tenants using (id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, update on tenants to sightline_app;

create table teams (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  parent_id uuid references teams(id) on delete restrict,
  manager_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index teams_tenant_parent on teams (tenant_id, parent_id);
select sightline_tenant_rls('teams');

create table users (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'executive', 'manager', 'rep', 'portal')),
  team_id uuid references teams(id) on delete set null,
  password_hash text,
  active boolean not null default true,
  hired_on date,
  locale text not null default 'zh-CN',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email on users (lower(email));
create index users_tenant_team on users (tenant_id, team_id);
select sightline_tenant_rls('users');
alter table teams add constraint teams_manager_fk foreign key (manager_id) references users(id) on delete set null;

create table sessions (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
select sightline_tenant_rls('sessions');

create table api_tokens (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  token_hint text not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now()
);
select sightline_tenant_rls('api_tokens');

-- Outbox: one row per domain event, written in the transaction that made the change.
create table events (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  type text not null,
  entity text not null,
  entity_id uuid,
  actor_id uuid,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  dispatched_at timestamptz
);
create index events_undispatched on events (created_at) where dispatched_at is null;
create index events_tenant_entity on events (tenant_id, entity, entity_id);
select sightline_tenant_rls('events');

-- Audit log, hash-chained per tenant: hash = sha256(prev_hash || canonical entry).
create table audit_log (
  tenant_id uuid not null references tenants(id) on delete cascade,
  seq bigint not null,
  event_id uuid not null,
  actor_id uuid,
  action text not null,
  entity text not null,
  entity_id uuid,
  before jsonb,
  after jsonb,
  at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
select sightline_tenant_rls('audit_log');

create table audit_heads (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  seq bigint not null,
  hash text not null
);
select sightline_tenant_rls('audit_heads');

create table custom_fields (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  entity text not null check (entity in ('accounts', 'contacts', 'leads', 'opportunities')),
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null,
  type text not null check (type in ('text', 'number', 'money', 'date', 'select', 'multiselect', 'user', 'boolean')),
  options jsonb not null default '[]',
  required boolean not null default false,
  created_at timestamptz not null default now(),
  unique (tenant_id, entity, key)
);
select sightline_tenant_rls('custom_fields');

create table field_policies (
  tenant_id uuid not null references tenants(id) on delete cascade,
  entity text not null,
  field text not null,
  hidden_for text[] not null default '{}',
  primary key (tenant_id, entity, field)
);
select sightline_tenant_rls('field_policies');

-- Every AI output is a suggestion with a ledger entry.
create table ai_suggestions (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  feature text not null,
  provider text not null,
  model text,
  inputs jsonb not null,
  output jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'adopted', 'edited', 'rejected')),
  final_output jsonb,
  user_id uuid,
  decided_by uuid,
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create index ai_suggestions_feature on ai_suggestions (tenant_id, feature, created_at);
select sightline_tenant_rls('ai_suggestions');

create table imports (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  entity text not null,
  filename text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  skip_bad_rows boolean not null default false,
  total_rows integer,
  processed_rows integer not null default 0,
  inserted_rows integer not null default 0,
  errors jsonb not null default '[]',
  created_by uuid,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
select sightline_tenant_rls('imports');

create table attachments (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  entity text not null,
  entity_id uuid not null,
  document_type text not null,
  filename text not null,
  content_type text not null,
  size_bytes bigint not null,
  sha256 text not null,
  storage_key text not null,
  uploaded_by uuid,
  created_at timestamptz not null default now()
);
create index attachments_entity on attachments (tenant_id, entity, entity_id);
select sightline_tenant_rls('attachments');
