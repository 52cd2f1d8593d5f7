-- Win-probability model: versioned per-tenant models with their holdout metrics, the scores of
-- open deals with history and reasons, reps' annotations of a prediction (模型干预权), the
-- tenant's drop-alert threshold, and retraining runs (progress for the admin screen).
create table win_models (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  version integer not null,
  kind text not null check (kind in ('gbdt', 'baseline')),
  model jsonb not null,
  features jsonb not null,
  training_rows integer not null,
  positives integer not null,
  metrics jsonb,
  trigger text not null check (trigger in ('schedule', 'admin', 'first_use')),
  active boolean not null default false,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (tenant_id, version)
);
create unique index win_models_one_active on win_models (tenant_id) where active;
select sightline_tenant_rls('win_models');

create table win_scores (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  model_id uuid not null references win_models(id) on delete cascade,
  scored_at timestamptz not null,
  probability double precision not null check (probability between 0 and 1),
  raw double precision not null,
  bias double precision not null,
  confidence jsonb not null,
  reasons jsonb not null,
  features jsonb not null,
  created_at timestamptz not null default now()
);
create index win_scores_deal on win_scores (tenant_id, opportunity_id, scored_at desc, id desc);
select sightline_tenant_rls('win_scores');

create table win_annotations (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  score_id uuid references win_scores(id) on delete set null,
  author_id uuid references users(id) on delete set null,
  category text not null check (category in ('budget_confirmed', 'key_person_changed', 'competitor_involved', 'customer_process_delay', 'other')),
  direction text not null check (direction in ('too_high', 'too_low', 'about_right')),
  note text,
  created_at timestamptz not null default now()
);
create index win_annotations_deal on win_annotations (tenant_id, opportunity_id, created_at);
select sightline_tenant_rls('win_annotations');

create table win_model_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  drop_alert_points integer not null default 20 check (drop_alert_points between 1 and 100),
  competitor_words jsonb not null default '[]' check (jsonb_typeof(competitor_words) = 'array'),
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
select sightline_tenant_rls('win_model_settings');

create table win_model_runs (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  trigger text not null check (trigger in ('schedule', 'admin', 'first_use')),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  step text,
  progress double precision not null default 0,
  requested_by uuid references users(id) on delete set null,
  model_id uuid references win_models(id) on delete set null,
  scored integer,
  error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index win_model_runs_tenant on win_model_runs (tenant_id, created_at desc);
select sightline_tenant_rls('win_model_runs');

-- the features read a deal's change history (stage moves, amount and close-date edits, decision
-- chain edits) from the audit log; without this index that is a scan of the tenant's whole log
create index audit_log_entity_at on audit_log (tenant_id, entity, entity_id, at);

-- deleting a deal cascades here: an index that leads with the deal keeps that a probe, not a scan
create index win_scores_opportunity on win_scores (opportunity_id);
create index win_annotations_opportunity on win_annotations (opportunity_id);
