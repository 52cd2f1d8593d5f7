-- Opportunity stages as the machine in stages.ts knows them (keys and pipeline order; the
-- pipeline tests check the two agree), and the indexes the list's sorts need at a million rows.
alter table opportunities add constraint opportunities_stage_known
  check (stage in ('lead', 'qualified', 'solution', 'quoted', 'negotiation', 'won', 'lost'));
alter table opportunities add column stage_rank smallint generated always as (
  case stage when 'lead' then 1 when 'qualified' then 2 when 'solution' then 3 when 'quoted' then 4
    when 'negotiation' then 5 when 'won' then 6 when 'lost' then 7 end) stored;
create index opportunities_tenant_created on opportunities (tenant_id, created_at, id);
create index opportunities_tenant_owner_created on opportunities (tenant_id, owner_id, created_at, id);
create index opportunities_tenant_name on opportunities (tenant_id, name, id);
create index opportunities_tenant_stage_rank on opportunities (tenant_id, stage_rank, id);
