-- The MPT Helpdesk dialect's additions to the one model: a queue's short description, soft-deleted timeline
-- messages (content emptied, record kept), and the index client and vendor case lists walk.

alter table queues add column short_description text not null default '';

alter table timeline_entries add column deleted_at timestamptz;

-- Client and vendor users list only their account's cases, newest first by default.
create index cases_account_created on cases (workspace_id, account_id, created_at, number);
