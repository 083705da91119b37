-- Events out of Casework: every outbox event names all the topics it belongs to and the transaction that
-- wrote it (readers follow commits in order with it); webhook subscriptions, their deliveries and attempts.
alter table outbox_events add column topics text[];
update outbox_events set topics = array[topic];
alter table outbox_events alter column topics set not null;
alter table outbox_events add column xid xid8 not null default pg_current_xact_id();
create index outbox_stream on outbox_events (workspace_id, xid, id);
create index outbox_prunable on outbox_events (delivered_at) where delivered_at is not null;

-- Each commit that writes events wakes every server process listening on this schema's channel.
create function casework_notify_events() returns trigger language plpgsql as $$
begin
  perform pg_notify('casework_events_' || current_schema(), '');
  return null;
end $$;
create trigger outbox_events_notify after insert on outbox_events
  for each statement execute function casework_notify_events();

create table webhooks (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  url text not null,
  topics text[] not null,
  active boolean not null default true,
  description text not null default '',
  secret text not null,
  -- After a rotation the old secret still signs, beside the new one, until this time.
  previous_secret text,
  previous_secret_until timestamptz,
  failing_since timestamptz,
  last_error text,
  last_success_at timestamptz,
  revision integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (workspace_id, id)
);

create table webhook_deliveries (
  workspace_id bigint not null,
  id bigint generated always as identity,
  webhook_id bigint not null,
  event_id bigint not null,
  -- The ordering key: one subject's events reach a subscriber one after another, in event order.
  subject text not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  -- Tries in the current round; a manual redelivery starts a new round (and a new retry deadline).
  attempts integer not null default 0,
  round_started_at timestamptz not null,
  next_attempt_at timestamptz not null,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz not null,
  finished_at timestamptz,
  primary key (workspace_id, id),
  -- Event first: it also serves pruning and the cascade from the outbox.
  unique (workspace_id, event_id, webhook_id),
  foreign key (workspace_id, webhook_id) references webhooks (workspace_id, id) on delete cascade,
  foreign key (workspace_id, event_id) references outbox_events (workspace_id, id) on delete cascade
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'pending';
create index webhook_deliveries_order on webhook_deliveries (workspace_id, webhook_id, subject, event_id)
  where state = 'pending';

create table webhook_attempts (
  workspace_id bigint not null,
  id bigint generated always as identity,
  delivery_id bigint not null,
  webhook_id bigint not null,
  event_id bigint not null,
  at timestamptz not null,
  status integer,
  latency_ms integer not null,
  error text,
  primary key (workspace_id, id),
  foreign key (workspace_id, delivery_id) references webhook_deliveries (workspace_id, id) on delete cascade
);
create index webhook_attempts_by_webhook on webhook_attempts (workspace_id, webhook_id, id);
create index webhook_attempts_by_delivery on webhook_attempts (workspace_id, delivery_id);
