/** The Talkdesk error envelope `{code, message, description, fields}` and the one map from error codes to its statuses. */
import type { ErrorCode } from "../../domain/errors.ts";

/**
 * Talkdesk documents 400, 401, 403, 404, 409 and 429: a change the case's state forbids (closed, trashed, a
 * status move the lifecycle refuses, a stale revision, a reused idempotency key) is a 409.
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
  webhook_not_found: 404,
  delivery_not_found: 404,
  entry_not_found: 404,
  participant_not_found: 404,
  link_not_found: 404,
  attachment_not_found: 404,
  workspace_not_found: 404,
  entry_not_editable: 409,
  revision_mismatch: 409,
  case_closed: 409,
  case_trashed: 409,
  case_not_trashed: 409,
  invalid_transition: 409,
  duplicate: 409,
  in_use: 409,
  idempotency_key_reused: 409,
  rate_limited: 429,
};

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  503: "Service unavailable",
};

export interface TalkdeskError {
  status: number;
  code: string;
  description: string;
  fields: { name: string; description: string }[];
}

/** The body: `message` is the status in words, `description` says what went wrong. */
export const errorBody = (error: TalkdeskError) => ({
  code: error.code,
  message: TITLES[error.status] ?? "Error",
  description: error.description,
  fields: error.fields,
});
