-- Forms (sets of custom field definitions a client fills in, in order) and their answers, each filled in inside
-- a case's conversation.
create table forms (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  name text not null,
  description text not null default '',
  status text not null default 'draft' check (status in ('draft', 'published', 'unpublished')),
  revision integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (workspace_id, id)
);

-- A form's parameters are field definitions of the form object; a definition a form holds is not removed.
create table form_parameters (
  workspace_id bigint not null,
  form_id bigint not null,
  field_id bigint not null,
  display_order integer not null,
  primary key (workspace_id, form_id, field_id),
  foreign key (workspace_id, form_id) references forms (workspace_id, id) on delete cascade,
  foreign key (workspace_id, field_id) references field_definitions (workspace_id, id)
);
create index form_parameters_field on form_parameters (workspace_id, field_id);

-- An answer keeps its values by field key, as a case keeps its custom fields. A form with answers stays.
create table case_answers (
  workspace_id bigint not null,
  id bigint generated always as identity,
  case_number bigint not null,
  form_id bigint not null,
  name text not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'querying', 'accepted')),
  field_values jsonb not null default '{}',
  added_by bigint,
  revision integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, case_number) references cases (workspace_id, number) on delete cascade,
  foreign key (workspace_id, form_id) references forms (workspace_id, id)
);
create index case_answers_case on case_answers (workspace_id, case_number, id);
create index case_answers_form on case_answers (workspace_id, form_id);
