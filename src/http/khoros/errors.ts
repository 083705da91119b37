/** The Khoros error envelope `{error, message, fields?}`, the one map from error codes to Khoros statuses, and field names. */
import type { FastifyReply } from "fastify";
import type { ErrorCode, FieldPath } from "../../domain/errors.ts";
import type { WireError } from "../dialect.ts";

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

/** Model field paths in Khoros words: custom fields are top-level, the requester is the customer. */
export function khorosField(path: FieldPath): string {
  const [head, index, ...rest] = path;
  if (head === "timeline") {
    if (index === undefined) return "interactions";
    const tail = rest[0] === "origin" ? rest.slice(1) : rest;
    return ["interactions", index, ...tail.map((part) => (part === "createdAt" ? "created" : part))].join(
      ".",
    );
  }
  if (head === "customFields" && index !== undefined) return [index, ...rest].join(".");
  if (head === "requesterId") return "customerId";
  // Khoros cannot send a resolution; the workspace rule that needs one is about closing the case.
  if (head === "resolution") return "status";
  return path.join(".");
}

export function renderKhorosError(reply: FastifyReply, error: WireError) {
  return reply
    .code(error.status)
    .type("application/json")
    .send({
      error: error.code,
      message: error.message,
      // The contract's 400 and 422 bodies carry `fields`, even when no single field is at fault.
      ...(error.fields.length || error.status === 400 || error.status === 422
        ? { fields: error.fields.map((field) => ({ name: field.name, errorMessage: field.message })) }
        : {}),
    });
}
