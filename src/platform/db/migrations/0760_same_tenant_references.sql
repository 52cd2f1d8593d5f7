-- A business row may point only at an account or a user of its own tenant, and the database says so
-- (as 0750 did for opportunities): every single-column key to accounts(id) or users(id) from a table
-- with tenant_id becomes (tenant_id, col) -> parent (tenant_id, id), keeping its delete behaviour;
-- set null names the column alone, so tenant_id is never nulled. Guarded by same-tenant-references.test.ts.
do $$
declare
  fk record;
  on_delete text;
begin
  for fk in
    select c.conname, c.conrelid::regclass as child, child_table.relname as child_name, col.attname as col,
           c.confrelid::regclass as parent, c.confdeltype, c.condeferrable, c.condeferred
    from pg_constraint c
    join pg_class child_table on child_table.oid = c.conrelid
    join pg_attribute col on col.attrelid = c.conrelid and col.attnum = c.conkey[1]
    join pg_attribute parent_col on parent_col.attrelid = c.confrelid and parent_col.attnum = c.confkey[1]
    where c.contype = 'f'
      and cardinality(c.conkey) = 1
      and c.confrelid in ('accounts'::regclass, 'users'::regclass)
      and parent_col.attname = 'id'
      and exists (select 1 from pg_attribute t where t.attrelid = c.conrelid and t.attname = 'tenant_id' and not t.attisdropped)
    order by child_table.relname, col.attname
  loop
    on_delete := case fk.confdeltype
      when 'c' then 'cascade'
      when 'n' then format('set null (%I)', fk.col)
      when 'd' then format('set default (%I)', fk.col)
      when 'r' then 'restrict'
      else 'no action'
    end;
    execute format(
      'alter table %s drop constraint %I, add constraint %I foreign key (tenant_id, %I) references %s (tenant_id, id) on delete %s %s',
      fk.child, fk.conname, fk.child_name || '_' || fk.col || '_same_tenant', fk.col, fk.parent, on_delete,
      case when not fk.condeferrable then 'not deferrable' when fk.condeferred then 'deferrable initially deferred' else 'deferrable initially immediate' end
    );
  end loop;
end
$$;
