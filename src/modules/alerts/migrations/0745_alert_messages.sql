-- An alert's wording as a message key and its parameters, so each reader sees it in their own
-- language; title and body stay as the text of alerts raised before (and for API readers).
alter table alerts add column message jsonb;
alter table alerts add constraint alerts_message_shape check (message is null or (jsonb_typeof(message->'key') = 'string' and jsonb_typeof(message->'params') = 'object'));
