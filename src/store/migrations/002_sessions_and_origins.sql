-- Browser sessions for the read-only pages (the Khoros case link). A session is found by its hash before
-- the workspace is known, so like api_keys this is a directory table; it dies with the key it came from.
create table sessions (
  token_hash bytea primary key,
  workspace_id bigint not null references workspaces (id) on delete cascade,
  key_id bigint not null references api_keys (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

-- Finds the case that already holds an interaction (a retried Khoros create) without knowing the case.
create index timeline_origin_any_case on timeline_entries (workspace_id, origin_service, origin_service_id)
  where origin_service_id is not null;
