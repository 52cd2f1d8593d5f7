-- The ticket list's default sort (newest opened first) has an index.
create index service_tickets_tenant_opened on service_tickets (tenant_id, opened_at, id);
