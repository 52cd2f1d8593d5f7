-- Accounts (客户) and their contacts with each contact's role in the decision chain.
create table accounts (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  industry text,
  region text,
  size text check (size in ('small', 'medium', 'large', 'enterprise')),
  billing_model text check (billing_model in ('annual', 'monthly')),
  owner_id uuid references users(id) on delete set null,
  address text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  custom jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index accounts_tenant_name on accounts (tenant_id, name, id);
create index accounts_tenant_owner on accounts (tenant_id, owner_id);
create index accounts_tenant_updated on accounts (tenant_id, updated_at, id);
select sightline_tenant_rls('accounts');

create table contacts (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  account_id uuid references accounts(id) on delete cascade,
  name text not null,
  title text,
  phone text,
  email text,
  wechat text,
  decision_role text check (decision_role in ('decision_maker', 'influencer', 'user', 'gatekeeper')),
  influence smallint check (influence between 1 and 5),
  owner_id uuid references users(id) on delete set null,
  custom jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contacts_tenant_account on contacts (tenant_id, account_id);
create index contacts_tenant_name on contacts (tenant_id, name, id);
select sightline_tenant_rls('contacts');
