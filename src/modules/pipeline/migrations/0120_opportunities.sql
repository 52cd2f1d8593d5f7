-- Opportunities (商机), the product catalogue and order lines. Money is bigint minor units (分).
create table products (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  sku text not null,
  name text not null,
  category text,
  unit_price_cents bigint not null check (unit_price_cents >= 0),
  currency text not null default 'CNY',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, sku)
);
select sightline_tenant_rls('products');

create table opportunities (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null,
  amount_cents bigint not null default 0 check (amount_cents >= 0),
  currency text not null default 'CNY',
  margin_cents bigint,
  stage text not null default 'lead',
  expected_close_date date,
  forecast_category text not null default 'pipeline'
    check (forecast_category in ('pipeline', 'best_case', 'commit', 'closed', 'omitted')),
  owner_id uuid references users(id) on delete set null,
  lead_id uuid references leads(id) on delete set null,
  stage_changed_at timestamptz not null default now(),
  closed_at timestamptz,
  custom jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index opportunities_tenant_stage_close on opportunities (tenant_id, stage, expected_close_date, id);
create index opportunities_tenant_owner_close on opportunities (tenant_id, owner_id, expected_close_date, id);
create index opportunities_tenant_close on opportunities (tenant_id, expected_close_date, id);
create index opportunities_tenant_amount on opportunities (tenant_id, amount_cents, id);
create index opportunities_tenant_updated on opportunities (tenant_id, updated_at, id);
create index opportunities_tenant_account on opportunities (tenant_id, account_id);
select sightline_tenant_rls('opportunities');

create table order_lines (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  product_id uuid not null references products(id) on delete restrict,
  quantity numeric(14, 3) not null check (quantity > 0),
  unit_price_cents bigint not null check (unit_price_cents >= 0),
  discount_pct numeric(5, 2) not null default 0 check (discount_pct between 0 and 100),
  created_at timestamptz not null default now()
);
create index order_lines_opportunity on order_lines (tenant_id, opportunity_id);
select sightline_tenant_rls('order_lines');
