-- Customer pool (公海): an account with no owner is in the pool. The tenant's pool rules,
-- which pool accounts each person holds now (for the claim limit and the protection period),
-- and who let which account go when (for the re-claim cooldown and "in the pool since").
create table customer_pool_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  recycle_after_days integer check (recycle_after_days between 1 and 3650),
  recycle_after_days_by_size jsonb not null default '{}',
  claim_limit integer check (claim_limit between 0 and 100000),
  protection_days integer not null check (protection_days between 0 and 3650),
  reclaim_cooldown_days integer not null check (reclaim_cooldown_days between 0 and 3650),
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
select sightline_tenant_rls('customer_pool_settings');

create table pool_holdings (
  tenant_id uuid not null references tenants(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  via text not null check (via in ('claimed', 'assigned')),
  held_since timestamptz not null,
  protected_until timestamptz not null,
  primary key (tenant_id, account_id)
);
create index pool_holdings_user on pool_holdings (tenant_id, user_id);
select sightline_tenant_rls('pool_holdings');

create table pool_releases (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  reason text not null check (reason in ('released', 'recycled')),
  released_at timestamptz not null
);
create index pool_releases_account on pool_releases (tenant_id, account_id, released_at desc);
create index pool_releases_user_account on pool_releases (tenant_id, user_id, account_id, released_at desc);
select sightline_tenant_rls('pool_releases');
