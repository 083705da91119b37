/** The native error envelope (RFC 9457 problem details) and the one map from error codes to statuses. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode, FieldError } from "../../domain/errors.ts";
import { classify, EDGE_STATUS, logServerError, RETRY_AFTER_SECONDS } from "../errors.ts";

export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  case_not_found: 404,
  contact_not_found: 404,
  queue_not_found: 404,
  user_not_found: 404,
  account_not_found: 404,
  field_not_found: 404,
  key_not_found: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  entry_not_found: 404,
  entry_not_editable: 409,
  workspace_not_found: 404,
  revision_mismatch: 412,
  case_closed: 409,
  case_trashed: 409,
  case_not_trashed: 409,
  invalid_transition: 409,
  duplicate: 409,
  in_use: 409,
  idempotency_key_reused: 422,
  rate_limited: 429,
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  fields: FieldError[] = [],
) {
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="casework"');
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: `urn:casework:problem:${code}`,
      title: TITLES[status] ?? "Error",
      status,
      detail,
      code,
      ...(fields.length ? { errors: fields } : {}),
    });
}

export function nativeErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classify(error);
  const status = classified.kind === "domain" ? STATUS[classified.code] : EDGE_STATUS[classified.code];
  logServerError(request, status, error);
  return problem(reply, status, classified.code, classified.message, classified.fields);
}
