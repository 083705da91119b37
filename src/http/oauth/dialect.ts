/** The OAuth token endpoint, mounted at /oauth: public, form-encoded, every error an RFC 6749 body. */
import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import { ERROR_CODES, type ErrorCode } from "../../domain/errors.ts";
import type { Dialect, DialectOptions } from "../dialect.ts";
import { oauthError, tokenRoutes } from "./routes.ts";

async function routes(app: FastifyInstance, options: DialectOptions) {
  await app.register(formbody, { bodyLimit: 16_384 });
  await app.register(tokenRoutes, options);
}

/** Only a malformed request, a failed client authentication or too many attempts can reach the envelope. */
const STATUS = Object.fromEntries(
  ERROR_CODES.map((code) => [code, code === "unauthenticated" ? 401 : code === "rate_limited" ? 429 : 400]),
) as Record<ErrorCode, number>;

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
  status: STATUS,
  fieldName: (path) => path.join("."),
  renderError: (reply, error) =>
    oauthError(reply, error.status, OAUTH_CODES[error.status] ?? "invalid_request", error.message),
  routes,
};
