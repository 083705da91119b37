-- The core model. Directory tables (workspaces, api_keys) are global; every tenant table
-- leads each primary, unique and foreign key with workspace_id.

create table workspaces (
  id bigint generated always as identity primary key,
  slug text not null unique,
  name text not null,
  resolution_required boolean not null default false,
  close_delay_seconds integer not null default 345600 check (close_delay_seconds >= 0),
  created_at timestamptz not null default now()
);

create table accounts (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  name text not null,
  type text not null check (type in ('operations', 'client', 'vendor')),
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);

create table users (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  account_id bigint not null,
  email text not null,
  name text not null,
  active boolean not null default true,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, account_id) references accounts (workspace_id, id)
);
create unique index users_email on users (workspace_id, lower(email));

-- Credentials are looked up before the workspace is known, so this is a directory table.
create table api_keys (
  id bigint generated always as identity primary key,
  workspace_id bigint not null references workspaces (id) on delete cascade,
  user_id bigint not null,
  name text not null,
  prefix text not null,
  token_hash bytea not null unique,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  foreign key (workspace_id, user_id) references users (workspace_id, id)
);
create index api_keys_workspace on api_keys (workspace_id, id);

create table queues (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  name text not null,
  description text not null default '',
  external_id text,
  owner_account_id bigint,
  internal boolean not null default false,
  active boolean not null default true,
  is_default boolean not null default false,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, owner_account_id) references accounts (workspace_id, id)
);
create unique index queues_one_default on queues (workspace_id) where is_default;

create table field_definitions (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  object text not null check (object in ('case', 'contact')),
  key text not null,
  label text not null,
  description text not null default '',
  type text not null check (type in ('text', 'textarea', 'checkbox', 'select', 'multi_select',
    'dependent_select', 'date', 'integer', 'decimal')),
  options jsonb not null default '[]',
  required boolean not null default false,
  searchable boolean not null default false,
  active boolean not null default true,
  display_order integer not null default 0,
  hidden boolean not null default false,
  readonly boolean not null default false,
  visible_to_reporter boolean not null default true,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, object, key)
);

create table contacts (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  name text not null default '',
  email text,
  phone text,
  account_id bigint,
  custom_fields jsonb not null default '{}',
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  foreign key (workspace_id, account_id) references accounts (workspace_id, id)
);
create index contacts_email on contacts (workspace_id, lower(email));
create index contacts_custom_fields on contacts using gin (custom_fields jsonb_path_ops);

-- Social profiles of a contact, for best-match look-ups from social conversations.
create table contact_handles (
  workspace_id bigint not null,
  contact_id bigint not null,
  service text not null,
  handle text not null,
  service_id text,
  profile_url text,
  primary key (workspace_id, contact_id, service, handle),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index contact_handles_handle on contact_handles (workspace_id, lower(handle));

create table case_counters (
  workspace_id bigint primary key references workspaces (id) on delete cascade,
  last_number bigint not null default 0
);

create table cases (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  number bigint not null,
  title text not null,
  description text not null default '',
  status text not null check (status in ('new', 'open', 'pending', 'on_hold', 'resolved', 'closed')),
  priority smallint not null default 2 check (priority between 1 and 4),
  type text check (type in ('question', 'incident', 'problem', 'task')),
  parent_number bigint,
  queue_id bigint,
  assignee_id bigint,
  reporter_id bigint,
  requester_id bigint,
  account_id bigint,
  resolution text,
  solve_reason text,
  awaiting boolean not null default false,
  query_prompt text,
  custom_fields jsonb not null default '{}',
  tags text[] not null default '{}',
  revision integer not null default 1,
  -- Words of the title, description and public entries; internal entries apart, so client searches never see them.
  search_document tsvector not null default ''::tsvector,
  internal_search_document tsvector not null default ''::tsvector,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  resolved_at timestamptz,
  closed_at timestamptz,
  trashed_at timestamptz,
  primary key (workspace_id, number),
  foreign key (workspace_id, parent_number) references cases (workspace_id, number),
  foreign key (workspace_id, queue_id) references queues (workspace_id, id),
  foreign key (workspace_id, assignee_id) references users (workspace_id, id),
  foreign key (workspace_id, reporter_id) references users (workspace_id, id),
  foreign key (workspace_id, requester_id) references contacts (workspace_id, id),
  foreign key (workspace_id, account_id) references accounts (workspace_id, id)
);
create index cases_created on cases (workspace_id, created_at, number);
create index cases_updated on cases (workspace_id, updated_at, number);
create index cases_status on cases (workspace_id, status, number);
create index cases_priority on cases (workspace_id, priority, number);
create index cases_assignee on cases (workspace_id, assignee_id, number);
create index cases_requester on cases (workspace_id, requester_id, number);
create index cases_queue on cases (workspace_id, queue_id, number);
create index cases_parent on cases (workspace_id, parent_number) where parent_number is not null;
create index cases_due_to_close on cases (resolved_at) where status = 'resolved';
create index cases_tags on cases using gin (tags);
create index cases_search on cases using gin (search_document);
create index cases_internal_search on cases using gin (internal_search_document);

create table timeline_entries (
  workspace_id bigint not null,
  id bigint generated always as identity,
  case_number bigint not null,
  kind text not null check (kind in ('interaction', 'note', 'message')),
  visibility text not null check (visibility in ('public', 'internal')),
  author_type text not null check (author_type in ('user', 'contact', 'system')),
  author_id bigint,
  title text,
  body text not null,
  origin_service text,
  origin_service_id text,
  origin_link_url text,
  origin_content_type text,
  origin_author jsonb,
  origin_created_at timestamptz,
  revision integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, case_number) references cases (workspace_id, number) on delete cascade
);
create index timeline_case on timeline_entries (workspace_id, case_number, id);
create unique index timeline_origin on timeline_entries (workspace_id, case_number, origin_service, origin_service_id)
  where origin_service_id is not null;

create table audit_records (
  workspace_id bigint not null,
  id bigint generated always as identity,
  subject_type text not null,
  subject_id text not null,
  action text not null,
  revision integer,
  actor_type text not null,
  actor_id bigint,
  actor_label text not null,
  context jsonb not null default '{}',
  changes jsonb not null default '[]',
  at timestamptz not null,
  primary key (workspace_id, id)
);
create index audit_subject on audit_records (workspace_id, subject_type, subject_id, id);

create table outbox_events (
  workspace_id bigint not null,
  id bigint generated always as identity,
  topic text not null,
  subject_type text not null,
  subject_id text not null,
  revision integer,
  payload jsonb not null,
  created_at timestamptz not null,
  delivered_at timestamptz,
  primary key (workspace_id, id)
);
create index outbox_pending on outbox_events (id) where delivered_at is null;

create table idempotency_keys (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  key text not null,
  request_hash text not null,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (workspace_id, key)
);
create index idempotency_expiry on idempotency_keys (created_at);
