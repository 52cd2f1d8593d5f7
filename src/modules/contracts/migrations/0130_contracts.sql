-- Contracts and payments (回款): what was signed and what has been collected against it.
create table contracts (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  opportunity_id uuid references opportunities(id) on delete set null,
  number text not null,
  amount_cents bigint not null check (amount_cents >= 0),
  currency text not null default 'CNY',
  signed_on date,
  starts_on date,
  ends_on date,
  status text not null default 'draft' check (status in ('draft', 'active', 'completed', 'terminated')),
  owner_id uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, number)
);
create index contracts_tenant_account on contracts (tenant_id, account_id);
select sightline_tenant_rls('contracts');

create table payments (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  contract_id uuid not null references contracts(id) on delete cascade,
  due_on date not null,
  amount_cents bigint not null check (amount_cents > 0),
  paid_cents bigint not null default 0 check (paid_cents >= 0),
  paid_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payments_tenant_contract on payments (tenant_id, contract_id, due_on);
select sightline_tenant_rls('payments');
