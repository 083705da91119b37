-- API keys may carry an expiry; from then on they authenticate no more, like a revoked key.
alter table api_keys add column expires_at timestamptz;
