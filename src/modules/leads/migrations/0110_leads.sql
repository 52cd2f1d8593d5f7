-- Leads (线索): prospects not yet qualified; a lead converts into account + contact + opportunity.
create table leads (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  name text not null,
  company text not null,
  title text,
  phone text,
  email text,
  industry text,
  region text,
  source text,
  status text not null default 'new' check (status in ('new', 'working', 'converted', 'disqualified')),
  owner_id uuid references users(id) on delete set null,
  converted_account_id uuid,
  converted_contact_id uuid,
  converted_opportunity_id uuid,
  converted_at timestamptz,
  custom jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index leads_tenant_status on leads (tenant_id, status, created_at, id);
create index leads_tenant_owner on leads (tenant_id, owner_id);
select sightline_tenant_rls('leads');
