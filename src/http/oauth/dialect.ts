/** The OAuth token endpoint, mounted at /oauth: public, form-encoded, every error an RFC 6749 body. */
import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import type { ErrorCode } from "../../domain/errors.ts";
import type { Dialect, DialectOptions } from "../dialect.ts";
import { oauthError, tokenRoutes } from "./routes.ts";

async function routes(app: FastifyInstance, options: DialectOptions) {
  await app.register(formbody, { bodyLimit: 16_384 });
  await app.register(tokenRoutes, options);
}

/** Only a malformed request, a failed client authentication or too many attempts can reach the envelope. */
const STATUS = Object.fromEntries(
  (
    [
      "validation_failed",
      "forbidden",
      "case_not_found",
      "contact_not_found",
      "queue_not_found",
      "user_not_found",
      "account_not_found",
      "field_not_found",
      "key_not_found",
      "entry_not_found",
      "entry_not_editable",
      "workspace_not_found",
      "revision_mismatch",
      "case_closed",
      "case_trashed",
      "case_not_trashed",
      "invalid_transition",
      "duplicate",
      "in_use",
      "idempotency_key_reused",
    ] as const
  ).map((code) => [code, 400]),
) as Record<Exclude<ErrorCode, "unauthenticated" | "rate_limited">, number>;

/** RFC 6749 §5.2 names: anything else the server refuses is an invalid_request. */
const OAUTH_CODES: Record<number, string> = {
  401: "invalid_client",
  429: "slow_down",
  503: "temporarily_unavailable",
};

export const oauthDialect: Dialect = {
  name: "oauth",
  prefixes: ["/oauth"],
  credential: null,
  authHint: "",
  status: { ...STATUS, unauthenticated: 401, rate_limited: 429 },
  fieldName: (path) => path.join("."),
  renderError: (reply, error) =>
    oauthError(reply, error.status, OAUTH_CODES[error.status] ?? "invalid_request", error.message),
  routes,
};
