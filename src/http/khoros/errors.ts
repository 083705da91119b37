/** The Khoros error envelope `{error, message, fields?}` and the one map from error codes to Khoros statuses. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode, FieldError } from "../../domain/errors.ts";
import { classify, EDGE_STATUS, logServerError, RETRY_AFTER_SECONDS } from "../errors.ts";

/**
 * Bad input is a 400 naming the fields; a change the case's state forbids (closed, trashed, a status move the
 * lifecycle refuses) is a 422, the status Khoros documents for "cannot do that".
 */
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
  entry_not_editable: 422,
  revision_mismatch: 422,
  case_closed: 422,
  case_trashed: 422,
  case_not_trashed: 422,
  invalid_transition: 422,
  duplicate: 422,
  in_use: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
};

/** Native field paths in Khoros words: custom fields are top-level, the requester is the customer. */
export function khorosField(field: string): string {
  const entry = /^timeline\.(\d+)\.(?:origin\.)?(.+)$/.exec(field);
  if (entry) return `interactions.${entry[1]}.${entry[2] === "createdAt" ? "created" : entry[2]}`;
  if (field === "timeline") return "interactions";
  if (field === "requesterId") return "customerId";
  // Khoros cannot send a resolution; the workspace rule that needs one is about closing the case.
  if (field === "resolution") return "status";
  return field.replace(/^customFields\./, "");
}

export function khorosError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields: FieldError[] = [],
) {
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  // RFC 9110: a 401 names the scheme; Khoros may send the key raw, but Bearer is the one to advertise.
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="casework"');
  return reply
    .code(status)
    .type("application/json")
    .send({
      error: code,
      message,
      // The contract's 400 and 422 bodies carry `fields`, even when no single field is at fault.
      ...(fields.length || status === 400 || status === 422
        ? { fields: fields.map((f) => ({ name: khorosField(f.field), errorMessage: f.message })) }
        : {}),
    });
}

export function khorosErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classify(error);
  const status = classified.kind === "domain" ? STATUS[classified.code] : EDGE_STATUS[classified.code];
  logServerError(request, status, error);
  const message =
    classified.kind === "domain" && classified.code === "validation_failed" && classified.fields.length
      ? classified.fields.map((f) => `${khorosField(f.field)}: ${f.message}`).join("; ")
      : classified.message;
  return khorosError(reply, status, classified.code, message, classified.fields);
}
