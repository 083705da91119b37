/** The MPT error envelope (RFC 7807: type, title, status, detail, traceId, errors). */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FieldPath } from "../../domain/errors.ts";
import type { WireError } from "../dialect.ts";
import { STATUS_TITLES } from "../errors.ts";

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
  formId: "form.id",
  // Parameters are field definitions.
  label: "name",
  key: "externalId",
  object: "scope",
  widget: "type",
  active: "status",
  required: "constraints.required",
  readonly: "constraints.readonly",
  hidden: "constraints.hidden",
  visibleToReporter: "constraints.visibleToReporter",
  hintText: "options.hintText",
  placeholderText: "options.placeholderText",
  fieldId: "parameter.id",
};

/** A model field path in MPT words (`["timeline", 0, "body"]` is the message's `content`). */
export function mptField(path: FieldPath): string {
  const [head, index, ...rest] = path;
  // An item of an array body (participants are added as a list): its position, then its field.
  if (typeof head === "number") return path.length > 1 ? `${head}.${mptField(path.slice(1))}` : String(head);
  if (head === "timeline" && index !== undefined) return rest[0] === "body" ? "content" : rest.join(".");
  // A field definition's options are a parameter's choices.
  if (head === "options") return ["options", "choices", ...path.slice(1)].join(".");
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
