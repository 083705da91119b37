/** How each kind of record is reported when an id names none: its error code and the words of the 404. */
import { type ErrorCode, type Failure, notFound } from "./errors.ts";

const MISSING = {
  case: { code: "case_not_found", what: "case" },
  contact: { code: "contact_not_found", what: "contact" },
  queue: { code: "queue_not_found", what: "queue" },
  user: { code: "user_not_found", what: "user" },
  account: { code: "account_not_found", what: "account" },
  field: { code: "field_not_found", what: "field" },
  key: { code: "key_not_found", what: "live API key" },
  oauth_client: { code: "key_not_found", what: "live OAuth client" },
  webhook: { code: "webhook_not_found", what: "webhook" },
  delivery: { code: "delivery_not_found", what: "delivery" },
  entry: { code: "entry_not_found", what: "timeline entry" },
  workspace: { code: "workspace_not_found", what: "workspace" },
} as const satisfies Record<string, { code: ErrorCode; what: string }>;

export type IdKind = keyof typeof MISSING;

/** The 404 of a `kind` record that is not there (or that the actor may not know exists). */
export const missing = (kind: IdKind): Failure => notFound(MISSING[kind].code, MISSING[kind].what);
