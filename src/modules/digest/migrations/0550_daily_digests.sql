-- Daily digests (每日小结): one per rep and tenant-local date, its text as the rep left it,
-- and the suggestion-ledger entry that records what the AI wrote and what the rep did with it.
create table daily_digests (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  local_date date not null,
  suggestion_id uuid not null references ai_suggestions(id) on delete cascade,
  text text not null,
  sources jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, user_id, local_date)
);
create index daily_digests_tenant_date on daily_digests (tenant_id, local_date, id);
select sightline_tenant_rls('daily_digests');
