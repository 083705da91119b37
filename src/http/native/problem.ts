/** The native error envelope (RFC 9457 problem details) and the one map from error codes to statuses. */
import type { FastifyReply } from "fastify";
import type { ErrorCode } from "../../domain/errors.ts";
import type { WireError } from "../dialect.ts";
import { STATUS_TITLES } from "../errors.ts";

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
  field_group_not_found: 404,
  key_not_found: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  entry_not_found: 404,
  participant_not_found: 404,
  link_not_found: 404,
  attachment_not_found: 404,
  form_not_found: 404,
  answer_not_found: 404,
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

export function renderProblem(reply: FastifyReply, error: WireError) {
  return reply
    .code(error.status)
    .type("application/problem+json")
    .send({
      type: `urn:casework:problem:${error.code}`,
      title: STATUS_TITLES[error.status] ?? "Error",
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(error.fields.length
        ? { errors: error.fields.map((field) => ({ field: field.name, message: field.message })) }
        : {}),
    });
}
