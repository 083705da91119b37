-- The MPT Helpdesk dialect's additions to the one model: a queue's short description, soft-deleted timeline
-- messages (content emptied, record kept), and the indexes offset lists with exact totals need.

alter table queues add column short_description text not null default '';

alter table timeline_entries add column deleted_at timestamptz;

-- Client and vendor users list only their account's cases, newest first by default.
create index cases_account_created on cases (workspace_id, account_id, created_at, number);

-- Every list shows its exact total: counts by status, queue and account are answered from this index alone.
create index cases_live_status on cases (workspace_id, status, queue_id, account_id) where trashed_at is null;
