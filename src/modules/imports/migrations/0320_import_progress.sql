-- Upload imports run as background jobs: keep the uploaded file's key and the bytes read so
-- the app can show a progress bar before the row count is known.
alter table imports add column storage_key text;
alter table imports add column bytes_total bigint;
alter table imports add column bytes_read bigint not null default 0;
alter table imports add column bad_row_count integer not null default 0;
