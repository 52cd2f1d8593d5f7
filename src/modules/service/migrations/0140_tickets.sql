-- Service tickets: the customer's support history, an input to health and grading.
create table service_tickets (
  id uuid primary key,
  tenant_id uuid not null references tenants(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  contact_id uuid references contacts(id) on delete set null,
  subject text not null,
  severity text not null default 'normal' check (severity in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'open' check (status in ('open', 'pending', 'resolved', 'closed')),
  opened_at timestamptz not null default now(),
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_tickets_tenant_account on service_tickets (tenant_id, account_id, opened_at);
select sightline_tenant_rls('service_tickets');
