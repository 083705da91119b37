/** The one catalogue of domain error codes; each dialect maps every code to its wire status exactly once. */

/** Where a value sits in the model (`["timeline", 2, "visibility"]`), or in a request part when `in` says so. */
export type FieldPath = readonly (string | number)[];

/** A request part: a field named there is in the calling dialect's own wire words, not the model's. */
export type RequestPart = "body" | "querystring" | "params" | "headers";

export interface FieldError {
  /** The offending field as a path in the model's vocabulary, or in the request part `in` names. */
  path: FieldPath;
  message: string;
  /** Set only at the edge: the path is one of the dialect's own wire names in this part of the request. */
  in?: RequestPart;
}

/** A path as one dotted string, for messages and logs. */
export const dotted = (path: FieldPath): string => path.join(".");

export const ERROR_CODES = [
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "case_not_found",
  "contact_not_found",
  "queue_not_found",
  "user_not_found",
  "account_not_found",
  "field_not_found",
  "field_group_not_found",
  "key_not_found",
  "webhook_not_found",
  "delivery_not_found",
  "entry_not_found",
  "participant_not_found",
  "link_not_found",
  "attachment_not_found",
  "form_not_found",
  "answer_not_found",
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
  "rate_limited",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: FieldError[]): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});
/** The fields of an error as one sentence: `title: must not be empty; tags: at most 50 tags`. */
export const describe = (fields: readonly FieldError[]): string =>
  fields.map((f) => `${dotted(f.path)}: ${f.message}`).join("; ");

export const invalid = (fields: FieldError[]): Result<never> =>
  fail("validation_failed", describe(fields), fields);

/** Thrown by ops so the surrounding transaction rolls back; carries a domain error to the edge. */
export class Failure extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  constructor(error: DomainError) {
    super(error.message);
    this.name = "Failure";
    this.code = error.code;
    this.fields = error.fields ?? [];
  }
}

/** Unwraps a result, throwing its error as a Failure. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Failure(result.error);
  return result.value;
}
