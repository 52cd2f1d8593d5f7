-- An opportunity's account and owner belong to its own tenant, and the database says so: composite
-- foreign keys on (tenant_id, …) replace the single-column keys, and the tenant key with them (the
-- account's own tenant key covers it). A row now costs two reference checks on insert instead of
-- three, which a million-row import feels (bench/import.ts; figures in docs/scaling.md §6).
create unique index accounts_tenant_id on accounts (tenant_id, id);
create unique index users_tenant_id on users (tenant_id, id);
alter table opportunities
  drop constraint opportunities_tenant_id_fkey,
  drop constraint opportunities_account_id_fkey,
  drop constraint opportunities_owner_id_fkey,
  add constraint opportunities_account_same_tenant foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  add constraint opportunities_owner_same_tenant foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id);
