-- Activities (customer touches), tasks and notes: the daily record of selling.
create table activities (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  type text not null check (type in ('visit', 'call', 'wechat', 'email', 'meeting', 'note', 'other')),
  occurred_at timestamptz not null,
  logged_at timestamptz not null default now(),
  subject text not null,
  body text,
  mood text check (mood in ('positive', 'neutral', 'hesitant', 'negative')),
  account_id uuid references accounts(id) on delete cascade,
  opportunity_id uuid references opportunities(id) on delete set null,
  contact_ids uuid[] not null default '{}',
  owner_id uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index activities_tenant_occurred on activities (tenant_id, occurred_at, id);
create index activities_tenant_account on activities (tenant_id, account_id, occurred_at);
create index activities_tenant_opportunity on activities (tenant_id, opportunity_id, occurred_at);
create index activities_tenant_owner on activities (tenant_id, owner_id, occurred_at);
select sightline_tenant_rls('activities');

create table tasks (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  title text not null,
  description text,
  due_at timestamptz,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
  owner_id uuid references users(id) on delete set null,
  account_id uuid references accounts(id) on delete cascade,
  opportunity_id uuid references opportunities(id) on delete cascade,
  created_by uuid references users(id) on delete set null,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tasks_tenant_owner_due on tasks (tenant_id, owner_id, status, due_at);
select sightline_tenant_rls('tasks');

create table notes (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  entity text not null check (entity in ('accounts', 'contacts', 'leads', 'opportunities')),
  entity_id uuid not null,
  body text not null,
  visibility text not null default 'internal' check (visibility in ('internal', 'shareable')),
  author_id uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index notes_tenant_entity on notes (tenant_id, entity, entity_id, created_at);
select sightline_tenant_rls('notes');
