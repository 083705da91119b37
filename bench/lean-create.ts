/**
 * The create ceiling: the least a create must write (a case, two interactions, an audit row and an outbox
 * row), as one statement in a durable transaction, replayed by pgbench. Its tables live in a schema of
 * their own beside Casework's, so nothing of Casework's (triggers, indexes, the counter) is in the way.
 */
import type { Sql } from "../src/store/db.ts";
import type { Measurement } from "./measure.ts";
import { runPgbench } from "./pgbench.ts";

const SCHEMA = `
drop schema if exists lean cascade;
create schema lean;
create sequence lean.case_number;
create table lean.cases (id bigserial primary key, workspace_id int not null, number bigint not null,
  title text not null, description text not null, status text not null, customer_id text,
  custom jsonb not null default '{}', revision int not null default 1,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
  unique (workspace_id, number));
create index on lean.cases (workspace_id, status, updated_at desc);
create table lean.interactions (id bigserial primary key, case_id bigint not null references lean.cases (id),
  body text, author jsonb, created_at timestamptz default now());
create index on lean.interactions (case_id);
create table lean.audit (id bigserial primary key, case_id bigint not null, revision int, changes jsonb,
  at timestamptz default now());
create index on lean.audit (case_id);
create table lean.outbox (id bigserial primary key, topic text, payload jsonb, created_at timestamptz default now());
`;

/** One create: every row in one statement, committed with synchronous_commit on (the server's default). */
const TRANSACTION = `begin;
with made as (insert into lean.cases (workspace_id, number, title, description, status, customer_id, custom)
    values (1, nextval('lean.case_number'), 'Printer prints blank pages',
      'Since the firmware update the office printer feeds paper but prints nothing.', 'open', 'customer-7',
      jsonb_build_object('product', 'printer', 'region', 'emea', 'score', 42))
    returning id),
  first as (insert into lean.interactions (case_id, body, author)
    select id, 'The printer on floor 3 prints blank pages again.', jsonb_build_object('service', 'twitter')
    from made returning case_id),
  second as (insert into lean.interactions (case_id, body, author)
    select case_id, 'Checked the toner; it is full.', jsonb_build_object('service', 'twitter')
    from first returning case_id),
  audited as (insert into lean.audit (case_id, revision, changes)
    select case_id, 1, jsonb_build_object('created', true) from second returning case_id)
insert into lean.outbox (topic, payload) select 'case.created', jsonb_build_object('case', case_id) from audited;
commit;
`;

/** Creates the lean tables in `db` (the database at `url`) and measures the transaction at `connections`. */
export async function leanCreateCeiling(
  db: Sql,
  url: string,
  options: { connections: number; duration: number },
): Promise<Measurement & { meanMs: number }> {
  await db.exec(SCHEMA);
  try {
    return runPgbench(url, TRANSACTION, { ...options, prepared: true });
  } finally {
    await db.exec("drop schema lean cascade");
  }
}
