-- People sign in to the console with an email and a password (argon2id; only the hash is kept), and a
-- session acts as its user. Sessions opened with an API key by the former read-only pages end here.
alter table users add column password_hash text;
alter table users add column role text not null default 'agent' check (role in ('admin', 'agent'));
update users u set role = 'admin'
  where exists (select 1 from api_keys k where k.workspace_id = u.workspace_id and k.user_id = u.id
                and 'admin' = any (k.scopes));

delete from sessions;
alter table sessions drop column key_id;
alter table sessions add column user_id bigint not null;
alter table sessions add foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade;
