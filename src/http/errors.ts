/** Sorts any thrown error into a domain failure or an HTTP-level problem, for every dialect to render. */
import type { FastifyError, FastifyRequest } from "fastify";
import { describe, type ErrorCode, Failure, type FieldError } from "../domain/errors.ts";
import { MalformedBody } from "./json-body.ts";
import { fieldErrors } from "./validation.ts";

/** Problems that arise at the HTTP edge rather than in the domain. */
export type EdgeCode =
  | "malformed_request"
  | "unsupported_media_type"
  | "payload_too_large"
  | "route_not_found"
  | "method_not_allowed"
  | "service_unavailable"
  | "internal_error";

export const EDGE_STATUS: Record<EdgeCode, number> = {
  malformed_request: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  route_not_found: 404,
  method_not_allowed: 405,
  service_unavailable: 503,
  internal_error: 500,
};

/** A problem the HTTP edge itself finds (no route, the server closing), raised for the dialect to render. */
export class EdgeProblem extends Error {
  readonly code: EdgeCode;
  /** Headers the answer must carry (`Allow` on a 405). */
  readonly headers: Record<string, string>;
  constructor(code: EdgeCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "EdgeProblem";
    this.code = code;
    this.headers = headers;
  }
}

export type Classified =
  | { kind: "domain"; code: ErrorCode; message: string; fields: FieldError[] }
  | { kind: "edge"; code: EdgeCode; message: string; fields: FieldError[] };

const CONNECTION_CODES = ["57P01", "57P02", "57P03", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"];

/**
 * Connection-level failures of the database: the request may be retried shortly. The pg driver reports a
 * cut connection or a timeout with a message only (no SQLSTATE), hence the messages.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && (code.startsWith("08") || CONNECTION_CODES.includes(code))) return true;
  return error instanceof Error && /timeout|connection terminated|not queryable/i.test(error.message);
}

/** SQLSTATE class 22 (data exception): a value the database cannot store, which only input can cause. */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code);
}

/** What the request was allowed, for the errors that state it. */
export interface Limits {
  /** The largest body the route accepts, in bytes. */
  bodyLimit: number;
}

export function classify(error: unknown, limits: Limits): Classified {
  if (error instanceof Failure)
    return { kind: "domain", code: error.code, message: error.message, fields: error.fields };
  if (error instanceof MalformedBody)
    return {
      kind: "edge",
      code: "malformed_request",
      message: error.message,
      fields: [{ path: [], in: "body", message: error.message }],
    };
  if (error instanceof EdgeProblem)
    return { kind: "edge", code: error.code, message: error.message, fields: [] };
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const fields = fieldErrors(fastifyError.validation as never, fastifyError.validationContext);
    return {
      kind: "domain",
      code: "validation_failed",
      message: describe(fields),
      fields,
    };
  }
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        kind: "edge",
        code: "unsupported_media_type",
        message: "Send the body as application/json.",
        fields: [],
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        kind: "edge",
        code: "payload_too_large",
        message: `The request body is larger than the limit of ${limits.bodyLimit} bytes.`,
        fields: [],
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return {
        kind: "edge",
        code: "malformed_request",
        message: "The body is not valid JSON.",
        fields: [{ path: [], in: "body", message: "is not valid JSON" }],
      };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500)
    return { kind: "edge", code: "malformed_request", message: fastifyError.message, fields: [] };
  if (isDataException(error))
    return {
      kind: "domain",
      code: "validation_failed",
      message: "A value is out of the range the database can store.",
      fields: [
        { path: [], in: "body", message: "holds a value out of range (a date, a number or a character)" },
      ],
    };
  if (isDatabaseUnavailable(error))
    return {
      kind: "edge",
      code: "service_unavailable",
      message: "The database is unavailable; retry shortly.",
      fields: [],
    };
  return { kind: "edge", code: "internal_error", message: "An unexpected error occurred.", fields: [] };
}

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 2;

/** An unavailable database is an operational condition (a warning); any other 5xx is a bug (an error). */
export function logServerError(request: FastifyRequest, status: number, error: unknown) {
  if (status === 503) request.log.warn({ err: error }, "request refused: service unavailable");
  else if (status >= 500) request.log.error({ err: error }, "request failed");
}

/** The reason phrase of each status an error may have, for the problem envelopes' `title`. */
export const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * The statuses of the foreign dialects whose products document 400, 401, 403, 404, 409 and 429 (Talkdesk,
 * MPT): a change the record's state forbids (closed, trashed, a status move the lifecycle refuses, a stale
 * revision, a reused idempotency key, a record still in use) is a 409, as on those platforms.
 */
export const CONFLICT_STATUS: Record<ErrorCode, number> = {
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
