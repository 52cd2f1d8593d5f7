-- A tenant's own pipeline rules: its evidence document types, its stage gates and its stage
-- machine (allowed transitions, who may reopen). A null column means the built-in default.
create table pipeline_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  document_types jsonb check (jsonb_typeof(document_types) = 'array'),
  stage_gates jsonb check (jsonb_typeof(stage_gates) = 'array'),
  transitions jsonb check (jsonb_typeof(transitions) = 'object'),
  updated_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
select sightline_tenant_rls('pipeline_settings');
