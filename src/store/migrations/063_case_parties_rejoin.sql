-- A case's requester, reporter and assignee join its conversation when they are set, not on every save of
-- the case: someone removed from the conversation stays out until a party of the case changes.
drop trigger cases_join_parties on cases;

create trigger cases_join_parties after insert on cases
  for each row execute function join_case_parties();

create trigger cases_rejoin_parties after update of requester_id, reporter_id, assignee_id on cases
  for each row
  when (old.requester_id is distinct from new.requester_id
    or old.reporter_id is distinct from new.reporter_id
    or old.assignee_id is distinct from new.assignee_id)
  execute function join_case_parties();
