-- Custom field labels, options and the required flag can be edited, so the row records when.
alter table custom_fields add column updated_at timestamptz not null default now();
