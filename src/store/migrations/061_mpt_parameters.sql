-- Custom fields of forms (the MPT dialect's Form-scope parameters), the field types MPT parameters need besides
-- the existing ones (email, heading, json data objects), what a form shows around a field (phase, hint,
-- placeholder, choices shown as such rather than as a drop-down), and groups of fields.

alter table field_definitions drop constraint field_definitions_object_check;
alter table field_definitions add constraint field_definitions_object_check
  check (object in ('case', 'contact', 'form'));
alter table field_definitions drop constraint field_definitions_type_check;
alter table field_definitions add constraint field_definitions_type_check
  check (type in ('text', 'textarea', 'checkbox', 'select', 'multi_select', 'dependent_select', 'date', 'integer',
    'decimal', 'email', 'heading', 'json'));

alter table field_definitions add column phase text not null default 'request'
  check (phase in ('request', 'response'));
alter table field_definitions add column hint_text text not null default '';
alter table field_definitions add column placeholder_text text not null default '';
-- How a select is offered: null is a drop-down, 'choice' a set of radio buttons (check boxes for several).
alter table field_definitions add column widget text check (widget in ('choice'));

create table field_groups (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  name text not null,
  label text not null default '',
  description text not null default '',
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);

-- A field is in a group at most once; removing the group removes its memberships, never the fields.
create table field_group_members (
  workspace_id bigint not null,
  group_id bigint not null,
  field_id bigint not null,
  display_order integer not null default 0,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, group_id, field_id),
  foreign key (workspace_id, group_id) references field_groups (workspace_id, id) on delete cascade,
  foreign key (workspace_id, field_id) references field_definitions (workspace_id, id)
);
create index field_group_members_field on field_group_members (workspace_id, field_id);
