-- Forecasting: quotas and managers' overrides per period (month 'YYYY-MM' or quarter 'YYYY-Qn'
-- in the tenant's time zone), snapshots of each period's forecast, the accuracy recorded when a
-- period closes, tenant-defined root-cause tags and the monthly deviation report's rows.
create table forecast_quotas (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  period_key text not null check (period_key ~ '^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  -- a company quota names the tenant itself as its subject
  subject_kind text not null check (subject_kind in ('user', 'team', 'company')),
  subject_id uuid not null,
  amount_cents bigint not null check (amount_cents >= 0),
  set_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, period_key, subject_kind, subject_id)
);
select sightline_tenant_rls('forecast_quotas');

create table forecast_overrides (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  period_key text not null check (period_key ~ '^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  subject_kind text not null check (subject_kind in ('user', 'team')),
  subject_id uuid not null,
  category text not null check (category in ('commit', 'best_case')),
  amount_cents bigint not null check (amount_cents >= 0),
  /** the computed number the override replaced, when it was set */
  original_cents bigint not null,
  note text,
  set_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, period_key, subject_kind, subject_id, category)
);
select sightline_tenant_rls('forecast_overrides');

create table forecast_snapshots (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  period_key text not null,
  reason text not null check (reason in ('schedule', 'manual', 'close')),
  taken_at timestamptz not null,
  taken_by uuid references users(id) on delete set null,
  data jsonb not null,
  created_at timestamptz not null default now()
);
create index forecast_snapshots_period on forecast_snapshots (tenant_id, period_key, taken_at);
select sightline_tenant_rls('forecast_snapshots');

create table forecast_accuracy (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  period_key text not null,
  subject_kind text not null check (subject_kind in ('user', 'team', 'company')),
  subject_id uuid,
  snapshot_id uuid not null references forecast_snapshots(id) on delete cascade,
  figure text not null check (figure in ('commit', 'neutral')),
  forecast_cents bigint,
  actual_cents bigint not null,
  /** 1 − |forecast − actual| / actual; null when actual is 0 or the forecast is missing */
  accuracy numeric(8, 4),
  recorded_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create unique index forecast_accuracy_subject on forecast_accuracy (tenant_id, period_key, subject_kind, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid), figure);
select sightline_tenant_rls('forecast_accuracy');

create table forecast_root_cause_tags (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  label text not null check (length(label) between 1 and 40),
  active boolean not null default true,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, label)
);
select sightline_tenant_rls('forecast_root_cause_tags');

create table forecast_deviations (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  month_key text not null check (month_key ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  snapshot_id uuid references forecast_snapshots(id) on delete set null,
  kind text not null check (kind in ('slipped', 'lost', 'amount_cut', 'unforecast_win')),
  forecast_category text,
  forecast_cents bigint not null,
  actual_cents bigint not null,
  deviation_cents bigint not null,
  proposed jsonb not null default '[]',
  confirmed_tags text[],
  confirmed_by uuid references users(id) on delete set null,
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, month_key, opportunity_id)
);
select sightline_tenant_rls('forecast_deviations');

-- deleting a deal cascades here: an index that leads with the deal keeps that a probe, not a scan
create index forecast_deviations_opportunity on forecast_deviations (opportunity_id);
