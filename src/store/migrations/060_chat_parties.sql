-- Who takes part in a case's conversation, the links and files shared in it, and what a contact receives: blocked
-- contacts and their notification opt-outs.

alter table contacts add column blocked boolean not null default false;
alter table contacts add column opt_outs jsonb not null default '[]';

-- A participant is either a contact or a user of the workspace, once per case.
create table case_participants (
  workspace_id bigint not null,
  id bigint generated always as identity,
  case_number bigint not null,
  contact_id bigint,
  user_id bigint,
  status text not null default 'active' check (status in ('active', 'exited', 'deactivated')),
  muted boolean not null default false,
  last_read_entry_id bigint,
  added_by bigint,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id),
  check ((contact_id is null) <> (user_id is null)),
  unique (workspace_id, case_number, contact_id),
  unique (workspace_id, case_number, user_id),
  foreign key (workspace_id, case_number) references cases (workspace_id, number) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
  foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
);

-- The requester, the reporter and the assignee of a case take part in its conversation from the moment
-- they are set, whichever API sets them (an import and a transfer included).
create function join_case_parties() returns trigger language plpgsql as $$
begin
  insert into case_participants (workspace_id, case_number, contact_id, created_at, updated_at)
    select new.workspace_id, new.number, new.requester_id, new.updated_at, new.updated_at
    where new.requester_id is not null
    on conflict do nothing;
  insert into case_participants (workspace_id, case_number, user_id, created_at, updated_at)
    select new.workspace_id, new.number, party, new.updated_at, new.updated_at
    from (values (new.reporter_id), (new.assignee_id)) as parties (party)
    where party is not null
    on conflict do nothing;
  return null;
end;
$$;

create trigger cases_join_parties after insert or update of requester_id, reporter_id, assignee_id on cases
  for each row execute function join_case_parties();

insert into case_participants (workspace_id, case_number, contact_id, created_at, updated_at)
  select workspace_id, number, requester_id, created_at, created_at from cases where requester_id is not null
  on conflict do nothing;
insert into case_participants (workspace_id, case_number, user_id, created_at, updated_at)
  select workspace_id, number, party, created_at, created_at
  from cases, lateral (values (reporter_id), (assignee_id)) as parties (party)
  where party is not null
  on conflict do nothing;

-- Links shared in a case's conversation, optionally attached to one of its messages; deleting one keeps it.
create table case_links (
  workspace_id bigint not null,
  id bigint generated always as identity,
  case_number bigint not null,
  entry_id bigint,
  uri text not null,
  name text not null default '',
  added_by bigint,
  deleted_at timestamptz,
  revision integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, case_number) references cases (workspace_id, number) on delete cascade
);
create index case_links_case on case_links (workspace_id, case_number, id);

-- Files attached to a case's conversation, kept in the database with the case (a backup holds them too):
-- the metadata in one row, the bytes in chunks, so neither a write nor a read holds a whole file in memory.
create table case_attachments (
  workspace_id bigint not null,
  id bigint generated always as identity,
  case_number bigint not null,
  name text not null,
  description text not null default '',
  filename text not null,
  content_type text not null,
  size bigint not null,
  sha256 text not null,
  added_by bigint,
  -- Deleting keeps the record and drops the bytes.
  deleted_at timestamptz,
  revision integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, case_number) references cases (workspace_id, number) on delete cascade
);
create index case_attachments_case on case_attachments (workspace_id, case_number, id);

create table attachment_chunks (
  workspace_id bigint not null,
  attachment_id bigint not null,
  seq integer not null,
  data bytea not null,
  primary key (workspace_id, attachment_id, seq),
  foreign key (workspace_id, attachment_id) references case_attachments (workspace_id, id) on delete cascade
);
