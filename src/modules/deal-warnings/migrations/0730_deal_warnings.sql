-- Named deal warnings (no activity, decision maker silent, stalled, close date pushed, amount
-- cut, competitor appeared): the tenant's thresholds, and one row per warning raised on a deal,
-- open until its condition clears.
create table deal_warning_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  no_activity_days integer not null,
  decision_maker_silent_days integer not null,
  stall_percentile integer not null,
  stall_min_won_deals integer not null,
  stall_fallback_days integer not null,
  close_push_min_count integer not null,
  close_push_lookback_days integer not null,
  amount_cut_min_pct integer not null,
  amount_cut_lookback_days integer not null,
  competitor_lookback_days integer not null,
  competitors jsonb not null default '[]',
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
select sightline_tenant_rls('deal_warning_settings');

create table deal_warnings (
  tenant_id uuid not null references tenants(id) on delete cascade,
  id uuid primary key,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  kind text not null check (kind in ('no_activity', 'decision_maker_silent', 'stalled_in_stage', 'close_date_pushed', 'amount_cut', 'competitor_appeared')),
  owner_id uuid references users(id) on delete set null,
  evidence jsonb not null,
  -- the deal's expected close date when the warning was first raised, and how far ahead of it that was
  expected_close_date date,
  days_before_close integer,
  raised_at timestamptz not null default now(),
  evaluated_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolution text check (resolution in ('condition_cleared', 'deal_closed'))
);
create unique index deal_warnings_open on deal_warnings (tenant_id, opportunity_id, kind) where resolved_at is null;
create index deal_warnings_owner on deal_warnings (tenant_id, owner_id, resolved_at, id);
create index deal_warnings_list on deal_warnings (tenant_id, resolved_at, id);
select sightline_tenant_rls('deal_warnings');

-- pipeline changes read a period's opportunity history from the audit log by time (a deal's own
-- history uses audit_log_entity_at from the win model's migration)
create index audit_log_opportunity_at on audit_log (tenant_id, at) where entity = 'opportunities';

-- deleting a deal cascades here: an index that leads with the deal keeps that a probe, not a scan
create index deal_warnings_opportunity on deal_warnings (opportunity_id);
