-- A rep's pipeline by stage, ordered by expected close date, is the most common list: serve it
-- from one index instead of filtering the owner's whole history by stage.
create index opportunities_tenant_owner_stage_close on opportunities (tenant_id, owner_id, stage, expected_close_date, id);
