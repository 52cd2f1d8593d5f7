-- A contract cannot end before it starts; the list's default sort (newest first) has an index.
alter table contracts add constraint contracts_term_in_order check (ends_on is null or starts_on is null or ends_on >= starts_on);
create index contracts_tenant_created on contracts (tenant_id, created_at, id);
