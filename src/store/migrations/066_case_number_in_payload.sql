-- A batch of creates is written in one statement: the cases take their numbers from the workspace's counter in
-- that statement, so the events written beside them, prepared before the number is known, get it here. The
-- event of a created case carries the case (`object`) and its entries, each naming the case's number.
create function with_case_number(payload jsonb, case_number bigint) returns jsonb language sql immutable as $$
  select jsonb_set(payload, '{object,number}', to_jsonb(case_number))
    || case when payload ? 'entries' then jsonb_build_object('entries', (
         select jsonb_agg(jsonb_set(entry, '{caseNumber}', to_jsonb(case_number)) order by position)
         from jsonb_array_elements(payload -> 'entries') with ordinality as listed (entry, position)))
       else '{}'::jsonb end
$$;
