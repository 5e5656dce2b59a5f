-- Restores one service's export file (catalog.jsonl, ordering.jsonl or payments.jsonl of a cooperative's export) into
-- the cooperative's database of a fresh installation. Steps: README.md, "Your cooperative's data": the file's lines are first loaded into the temporary table export_lines
-- (n bigserial, line jsonb); this script then checks and inserts them, all or nothing.
-- Refuses: another format, another cooperative's database, a service schema that already holds data.
do $restore$
declare
  manifest jsonb := (select line from export_lines where line->>'kind' = 'manifest' order by n limit 1);
  ending jsonb := (select line from export_lines where line->>'kind' = 'end' order by n desc limit 1);
  target_schema text;
  tbl text;
  expected bigint;
  inserted bigint;
begin
  if manifest is null or manifest->>'format' is distinct from 'marketplace-export/1' then
    raise exception 'not a marketplace-export/1 file (no manifest line)';
  end if;
  if ending is null then
    raise exception 'the file has no end line: it was cut, download it again';
  end if;
  if current_database() <> 'coop_' || replace(manifest->>'cooperative', '-', '_') then
    raise exception 'this is the export of cooperative %, not of this database (%): onboard the same slug and restore into its database',
      manifest->>'cooperative', current_database();
  end if;
  target_schema := manifest->>'schema';
  if to_regclass(format('%I.mt_events', target_schema)) is null then
    raise exception 'schema % has no event store here yet: start the % service once, then restore', target_schema, manifest->>'service';
  end if;

  for tbl in select jsonb_object_keys(ending->'rows') loop
    if to_regclass(format('%I.%I', target_schema, tbl)) is null then
      raise exception 'table %.% does not exist here (an older version of the service?)', target_schema, tbl;
    end if;
    if tbl <> 'mt_event_progression' then
      execute format('select count(*) from %I.%I', target_schema, tbl) into inserted;
      if inserted > 0 then
        raise exception '%.% already holds % rows: restore only into a fresh cooperative', target_schema, tbl, inserted;
      end if;
    end if;
  end loop;

  -- A fresh database's daemon positions (all 0: it has no event) give way to the exported ones, so the
  -- relay continues where it was and publishes nothing again.
  execute format('delete from %I.mt_event_progression', target_schema);

  for tbl in select line->>'table' from export_lines where line->>'kind' = 'row' group by 1 order by min(n) loop
    execute format(
      'insert into %1$I.%2$I select (jsonb_populate_record(null::%1$I.%2$I, line->''row'')).* from export_lines where line->>''kind'' = ''row'' and line->>''table'' = %3$L order by n',
      target_schema, tbl, tbl);
  end loop;

  for tbl, expected in select key, value::bigint from jsonb_each_text(ending->'rows') loop
    execute format('select count(*) from %I.%I', target_schema, tbl) into inserted;
    if inserted <> expected then
      raise exception '%.%: % rows restored, the export says %', target_schema, tbl, inserted, expected;
    end if;
  end loop;

  if to_regclass(format('%I.mt_events_sequence', target_schema)) is not null then
    execute format('select setval(%L, coalesce((select max(seq_id) from %I.mt_events), 0) + 1, false)',
      target_schema || '.mt_events_sequence', target_schema);
  end if;

  raise notice 'restored % rows of % into %', (select count(*) from export_lines where line->>'kind' = 'row'), manifest->>'cooperative', target_schema;
end
$restore$;
