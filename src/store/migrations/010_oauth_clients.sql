-- OAuth clients (client-credentials grant), the assertion ids they have used, and the keys that sign
-- access tokens. A client id names its workspace, so every key here leads with workspace_id.
create table oauth_clients (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  id bigint generated always as identity,
  client_id text not null,
  name text not null,
  secret_hash bytea not null,
  user_id bigint not null,
  scopes text[] not null,
  -- An EC P-256 public key (JWK) for private_key_jwt client assertions; null: HTTP Basic only.
  public_jwk jsonb,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (workspace_id, id),
  unique (workspace_id, client_id),
  foreign key (workspace_id, user_id) references users (workspace_id, id)
);

-- The jti of every accepted client assertion, kept until the assertion expires, so none is replayed.
create table oauth_assertions (
  workspace_id bigint not null,
  client_id bigint not null,
  jti text not null,
  expires_at timestamptz not null,
  primary key (workspace_id, client_id, jti),
  foreign key (workspace_id, client_id) references oauth_clients (workspace_id, id) on delete cascade
);
create index oauth_assertions_expiry on oauth_assertions (workspace_id, expires_at);

-- Access-token signing keys, per workspace, created on first need; every server verifies with these.
create table oauth_signing_keys (
  workspace_id bigint not null references workspaces (id) on delete cascade,
  kid text not null,
  algorithm text not null,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (workspace_id, kid)
);
