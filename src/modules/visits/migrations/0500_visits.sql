-- Field visits (外勤拜访): a check-in and its check-out with GPS, the per-tenant thresholds of the
-- fake-visit (伪拜访) rules, and the flags those rules raise with their evidence, answer and outcome.
create table visits (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  owner_id uuid not null references users(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  -- the account's location when the rep checked in (null: the account had none, distance unknown)
  account_lat double precision,
  account_lng double precision,
  in_at timestamptz not null,
  in_lat double precision not null check (in_lat between -90 and 90),
  in_lng double precision not null check (in_lng between -180 and 180),
  in_accuracy_m real check (in_accuracy_m >= 0),
  in_address text,
  out_at timestamptz,
  out_lat double precision check (out_lat between -90 and 90),
  out_lng double precision check (out_lng between -180 and 180),
  out_accuracy_m real check (out_accuracy_m >= 0),
  out_address text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (out_at is null or out_at >= in_at),
  check ((out_at is null) = (out_lat is null) and (out_at is null) = (out_lng is null))
);
create index visits_tenant_owner_in on visits (tenant_id, owner_id, in_at, id);
create index visits_tenant_in on visits (tenant_id, in_at, id);
create index visits_tenant_account_in on visits (tenant_id, account_id, in_at);
create unique index visits_one_open_per_rep on visits (tenant_id, owner_id) where out_at is null;
select sightline_tenant_rls('visits');

create table visit_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  far_from_account_m integer not null,
  long_stay_hours real not null,
  long_stay_days integer not null,
  same_place_m integer not null,
  max_speed_kmh real not null,
  repeated_coordinate_visits integer not null,
  constant_accuracy_checkins integer not null,
  teleport_km real not null,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
select sightline_tenant_rls('visit_settings');

create table visit_flags (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  rule text not null check (rule in ('far_from_account', 'long_stay', 'impossible_speed', 'mock_repeated_coordinates', 'mock_zero_accuracy', 'mock_constant_accuracy', 'mock_teleport')),
  owner_id uuid not null references users(id) on delete cascade,
  visit_id uuid not null references visits(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  evidence jsonb not null,
  -- one flag per cause however often the analysis runs
  dedupe_key text not null,
  status text not null default 'open' check (status in ('open', 'answered', 'closed')),
  answer text,
  answered_at timestamptz,
  outcome text check (outcome in ('accepted', 'confirmed_fake', 'dismissed')),
  outcome_note text,
  outcome_by uuid references users(id) on delete set null,
  outcome_at timestamptz,
  created_at timestamptz not null default now(),
  unique (tenant_id, dedupe_key)
);
create index visit_flags_tenant_created on visit_flags (tenant_id, created_at, id);
create index visit_flags_tenant_owner on visit_flags (tenant_id, owner_id, created_at);
create index visit_flags_tenant_visit on visit_flags (tenant_id, visit_id);
select sightline_tenant_rls('visit_flags');
