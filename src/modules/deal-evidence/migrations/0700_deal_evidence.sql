-- Evidence-based forecasting: which proofs (a deal's attachments or activities) support which of
-- the four evidence stages, the tenant's credibility weights and decay curve, the daily decay
-- run's record of decayed commits, and the reps' three scenarios per deal.
create table deal_evidence (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  stage text not null check (stage in ('lead', 'solution_confirmed', 'commercial_agreed', 'legal_closed')),
  attachment_id uuid references attachments(id) on delete cascade,
  activity_id uuid references activities(id) on delete cascade,
  -- the document's own date (attachments only; an activity's date is when it happened)
  document_date date,
  -- 法务闭环: the contact who signed
  signer_contact_id uuid references contacts(id) on delete set null,
  note text check (char_length(note) <= 500),
  added_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  check ((attachment_id is null) <> (activity_id is null)),
  check (attachment_id is null or document_date is not null)
);
create unique index deal_evidence_attachment on deal_evidence (tenant_id, opportunity_id, stage, attachment_id) where attachment_id is not null;
create unique index deal_evidence_activity on deal_evidence (tenant_id, opportunity_id, stage, activity_id) where activity_id is not null;
create index deal_evidence_deal on deal_evidence (tenant_id, opportunity_id, created_at);
select sightline_tenant_rls('deal_evidence');

create table deal_evidence_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  stage_weights jsonb check (jsonb_typeof(stage_weights) = 'object'),
  decay_curve jsonb check (jsonb_typeof(decay_curve) = 'array'),
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
select sightline_tenant_rls('deal_evidence_settings');

-- what the daily decay run found: since when a commit has been decayed, at which factor, and
-- whether its owner and manager were alerted (the board itself is computed live)
create table deal_decays (
  tenant_id uuid not null references tenants(id) on delete cascade,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  close_date date not null,
  factor numeric(5, 4) not null check (factor > 0 and factor <= 1),
  days_without_update integer not null,
  decayed_since date not null,
  last_run_on date not null,
  primary key (tenant_id, opportunity_id)
);
select sightline_tenant_rls('deal_decays');

create table deal_scenarios (
  tenant_id uuid not null references tenants(id) on delete cascade,
  opportunity_id uuid not null references opportunities(id) on delete cascade,
  optimistic_amount_cents bigint not null check (optimistic_amount_cents > 0),
  neutral_amount_cents bigint not null check (neutral_amount_cents > 0),
  pessimistic_amount_cents bigint not null check (pessimistic_amount_cents > 0),
  optimistic_close_date date not null,
  neutral_close_date date not null,
  pessimistic_close_date date not null,
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, opportunity_id),
  check (pessimistic_amount_cents <= neutral_amount_cents and neutral_amount_cents <= optimistic_amount_cents),
  check (optimistic_close_date <= neutral_close_date and neutral_close_date <= pessimistic_close_date)
);
select sightline_tenant_rls('deal_scenarios');

-- deleting a deal cascades here: an index that leads with the deal keeps that a probe, not a scan
create index deal_evidence_opportunity on deal_evidence (opportunity_id);
create index deal_decays_opportunity on deal_decays (opportunity_id);
create index deal_scenarios_opportunity on deal_scenarios (opportunity_id);
