/** The MPT error envelope (RFC 7807: type, title, status, detail, traceId, errors) and its one status map. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode, FieldError } from "../../domain/errors.ts";
import { classify, EDGE_STATUS, logServerError, RETRY_AFTER_SECONDS } from "../errors.ts";

/** A change the case's or queue's state forbids, and a stale revision, are conflicts (409), as on the platform. */
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
  entry_not_found: 404,
  workspace_not_found: 404,
  entry_not_editable: 409,
  revision_mismatch: 409,
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
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const RENAMED: Record<string, string> = {
  queueId: "queue.id",
  assigneeId: "assignee.id",
  reporterId: "reporter.id",
  accountId: "account.id",
  ownerAccountId: "account.id",
  isDefault: "default",
  title: "chat.name",
  description: "chat.description",
  body: "content",
  timeline: "chat.lastMessage",
};

/** Model field paths in MPT words; a path the model does not know (an RQL expression) is already the client's. */
export function mptField(field: string): string {
  const entry = /^timeline\.\d+\.(.+)$/.exec(field);
  if (entry) return entry[1] === "body" ? "content" : entry[1]!;
  return RENAMED[field] ?? field;
}

export function mptError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  fields: FieldError[] = [],
) {
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="casework"');
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  const errors: Record<string, string[]> = {};
  for (const f of fields) {
    const name = mptField(f.field);
    errors[name] = [...(errors[name] ?? []), f.message];
  }
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: `urn:casework:problem:${code}`,
      title: TITLES[status] ?? "Error",
      status,
      detail,
      traceId: request.id,
      ...(fields.length ? { errors } : {}),
    });
}

export function mptErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classify(error);
  const status = classified.kind === "domain" ? STATUS[classified.code] : EDGE_STATUS[classified.code];
  logServerError(request, status, error);
  const detail =
    classified.kind === "domain" && classified.code === "validation_failed" && classified.fields.length
      ? classified.fields.map((f) => `${mptField(f.field)}: ${f.message}`).join("; ")
      : classified.message;
  return mptError(reply, request, status, classified.code, detail, classified.fields);
}
