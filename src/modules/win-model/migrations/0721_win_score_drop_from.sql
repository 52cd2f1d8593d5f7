-- A score that fell sharply (and raised the drop alert) keeps the probability it fell from, so a
-- later score can tell when the deal has recovered and the alert can be resolved.
alter table win_scores add column drop_from double precision check (drop_from between 0 and 1);
create index win_scores_drops on win_scores (tenant_id, opportunity_id, scored_at desc) where drop_from is not null;
