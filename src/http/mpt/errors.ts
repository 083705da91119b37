/** The MPT error envelope (RFC 7807: type, title, status, detail, traceId, errors) and its one status map. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode, FieldPath } from "../../domain/errors.ts";
import type { WireError } from "../dialect.ts";
import { STATUS_TITLES } from "../errors.ts";

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
  idempotency_key_reused: 422,
  rate_limited: 429,
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
  contactId: "contact.id",
  entryId: "message.id",
  lastReadEntryId: "lastReadMessage.id",
  blocked: "status",
};

/** A model field path in MPT words (`["timeline", 0, "body"]` is the message's `content`). */
export function mptField(path: FieldPath): string {
  const [head, index, ...rest] = path;
  // An item of an array body (participants are added as a list): its position, then its field.
  if (typeof head === "number") return path.length > 1 ? `${head}.${mptField(path.slice(1))}` : String(head);
  if (head === "timeline" && index !== undefined) return rest[0] === "body" ? "content" : rest.join(".");
  const name = String(head);
  return Object.hasOwn(RENAMED, name) ? RENAMED[name]! : path.join(".");
}

/** RFC 7807, as the platform sends it: `errors` maps each field, in the client's words, to its messages. */
export function renderMptError(reply: FastifyReply, error: WireError, request: FastifyRequest) {
  // A Map, so a field a client named `__proto__` is a key like any other.
  const errors = new Map<string, string[]>();
  for (const field of error.fields)
    errors.set(field.name, [...(errors.get(field.name) ?? []), field.message]);
  return reply
    .code(error.status)
    .type("application/problem+json")
    .send({
      type: `urn:casework:problem:${error.code}`,
      title: STATUS_TITLES[error.status] ?? "Error",
      status: error.status,
      detail: error.message,
      traceId: request.id,
      ...(error.fields.length ? { errors: Object.fromEntries(errors) } : {}),
    });
}
