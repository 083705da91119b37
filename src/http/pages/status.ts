/** The status of each domain error on a page: what a browser shows when a link leads nowhere or a form is refused. */
import type { ErrorCode } from "../../domain/errors.ts";

export const PAGE_STATUS: Record<ErrorCode, number> = {
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
  revision_mismatch: 409,
  case_closed: 409,
  case_trashed: 404,
  case_not_trashed: 409,
  invalid_transition: 409,
  duplicate: 409,
  in_use: 409,
  idempotency_key_reused: 409,
  rate_limited: 429,
};
