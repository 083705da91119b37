/** What MPT list queries may name, per resource: wire paths, the model fields they are, and how values read. */
import { type Phase, phaseOf } from "../../domain/cases/actions.ts";
import type { CaseQueryField } from "../../domain/cases/query.ts";
import { STATUSES, type Status } from "../../domain/cases/status.ts";
import type { ContactQueryField } from "../../domain/contacts/contact.ts";
import type { FieldQueryField } from "../../domain/fields/definition.ts";
import type { GroupQueryField, MemberQueryField } from "../../domain/fields/group.ts";
import { FORM_STATUSES, type FormQueryField } from "../../domain/forms/form.ts";
import type { QueueQueryField } from "../../domain/queues/queue.ts";
import { mptNumber } from "./ids.ts";
import {
  fieldTypeOf,
  PARAMETER_FIELD_TYPES,
  PARAMETER_TYPES,
  type Phase as ParameterPhase,
  PHASES,
  SCOPES,
  type Scope,
  wordOf,
} from "./parameter-types.ts";
import { readers, type Vocabulary } from "./rql/translate.ts";

export const CASE_STATUSES = ["Processing", "Querying", "Completed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const WIRE_PHASE: Record<Phase, CaseStatus> = {
  processing: "Processing",
  querying: "Querying",
  completed: "Completed",
};

export const caseStatus = (status: Status): CaseStatus => WIRE_PHASE[phaseOf({ status })];

/** The model statuses a wire status stands for (read case-insensitively). */
function readStatus(text: string): Status[] | string {
  const wanted = CASE_STATUSES.find((status) => status.toLowerCase() === text.toLowerCase());
  return wanted
    ? STATUSES.filter((status) => caseStatus(status) === wanted)
    : `must be one of ${CASE_STATUSES.join(", ")}`;
}

const id = (kind: Parameters<typeof mptNumber>[0], what: string) =>
  readers.id((raw) => mptNumber(kind, raw), what);

export const CASE_VOCABULARY: Vocabulary<CaseQueryField> = {
  id: { field: "number", read: id("case", "a case (CAS-…)"), sortable: true },
  "chat.id": { field: "number", read: id("chat", "a chat (CHT-…)") },
  "chat.name": { field: "title", read: readers.text, text: true, sortable: true },
  status: { field: "status", read: readStatus, sortable: true },
  awaiting: { field: "awaiting", read: readers.boolean, sortable: true },
  queryPrompt: { field: "queryPrompt", read: readers.text, text: true },
  "queue.id": { field: "queueId", read: id("queue", "a queue (HQU-…)"), sortable: true },
  "assignee.id": { field: "assigneeId", read: id("user", "a user (USR-…)"), sortable: true },
  "reporter.id": { field: "reporterId", read: id("user", "a user (USR-…)"), sortable: true },
  "account.id": { field: "accountId", read: id("account", "an account (ACC-…)"), sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};

/** Chats are their cases: a chat list reads the same fields under the chat's own names. */
export const CHAT_VOCABULARY: Vocabulary<CaseQueryField> = {
  id: CASE_VOCABULARY["chat.id"]!,
  name: CASE_VOCABULARY["chat.name"]!,
  "case.id": CASE_VOCABULARY.id!,
  "audit.created.at": CASE_VOCABULARY["audit.created.at"]!,
  "audit.updated.at": CASE_VOCABULARY["audit.updated.at"]!,
};

const readQueueStatus = (text: string) =>
  /^(active|disabled)$/i.test(text) ? [text.toLowerCase() === "active"] : "must be Active or Disabled";

export const QUEUE_VOCABULARY: Vocabulary<QueueQueryField> = {
  id: { field: "id", read: id("queue", "a queue (HQU-…)"), sortable: true },
  name: { field: "name", read: readers.text, text: true, sortable: true },
  status: { field: "active", read: readQueueStatus, sortable: true },
  internal: { field: "internal", read: readers.boolean, sortable: true },
  default: { field: "isDefault", read: readers.boolean, sortable: true },
  "account.id": { field: "ownerAccountId", read: id("account", "an account (ACC-…)"), sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};

const readContactStatus = (text: string) =>
  /^(active|blocked)$/i.test(text) ? [text.toLowerCase() === "blocked"] : "must be Active or Blocked";

export const CONTACT_VOCABULARY: Vocabulary<ContactQueryField> = {
  id: { field: "id", read: id("contact", "a contact (CTT-…)"), sortable: true },
  name: { field: "name", read: readers.text, text: true, sortable: true },
  email: { field: "email", read: readers.text, text: true, sortable: true },
  status: { field: "blocked", read: readContactStatus, sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};

export const FORM_STATUS_WORDS = ["Draft", "Published", "Unpublished"] as const;

const readFormStatus = (text: string) => {
  const status = FORM_STATUSES.find((s) => s === text.toLowerCase());
  return status ? [status] : `must be one of ${FORM_STATUS_WORDS.join(", ")}`;
};

export const FORM_VOCABULARY: Vocabulary<FormQueryField> = {
  id: { field: "id", read: id("form", "a form (FRM-…)"), sortable: true },
  name: { field: "name", read: readers.text, text: true, sortable: true },
  status: { field: "status", read: readFormStatus, sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};

/** A wire word read case-insensitively as the model values it stands for. */
const readWord =
  <W extends string>(words: Record<W, string>) =>
  (text: string) => {
    const word = wordOf(Object.keys(words) as W[], text);
    return word ? [words[word]] : `must be one of ${Object.keys(words).join(", ")}`;
  };

/** A parameter type stands for its field kinds, single and multiple (`Choice` is `select:choice` or `multi_select:choice`). */
function readParameterType(text: string) {
  const type = wordOf(PARAMETER_TYPES, text);
  if (!type) return `must be one of ${PARAMETER_TYPES.join(", ")}`;
  return [false, true].flatMap((multiple) => {
    const kind = fieldTypeOf(type, multiple);
    return kind ? [kind.widget ? `${kind.type}:${kind.widget}` : kind.type] : [];
  });
}

/** Only Choice and DropDown parameters (multi-selects) hold several values. */
const readMultiple = (text: string) => {
  const multiple = readers.boolean(text);
  if (typeof multiple === "string") return multiple;
  return multiple[0] ? ["multi_select"] : PARAMETER_FIELD_TYPES.filter((type) => type !== "multi_select");
};

const readOrder = (text: string) => (/^\d{1,6}$/.test(text) ? [Number(text)] : "must be a whole number");

export const PARAMETER_VOCABULARY: Vocabulary<FieldQueryField> = {
  id: { field: "id", read: id("parameter", "a parameter (PAR-…)"), sortable: true },
  name: { field: "label", read: readers.text, text: true, sortable: true },
  externalId: { field: "key", read: readers.text, text: true, sortable: true },
  scope: { field: "object", read: readWord<Scope>(SCOPES), sortable: true },
  phase: { field: "phase", read: readWord<ParameterPhase>(PHASES), sortable: true },
  type: { field: "kind", read: readParameterType, sortable: true },
  multiple: { field: "type", read: readMultiple },
  displayOrder: { field: "displayOrder", read: readOrder, sortable: true },
  status: {
    field: "active",
    read: (text) =>
      /^(active|inactive)$/i.test(text) ? [text.toLowerCase() === "active"] : "must be Active or Inactive",
    sortable: true,
  },
  "constraints.required": { field: "required", read: readers.boolean, sortable: true },
  "constraints.readonly": { field: "readonly", read: readers.boolean, sortable: true },
  "constraints.hidden": { field: "hidden", read: readers.boolean, sortable: true },
  "constraints.visibleToReporter": { field: "visibleToReporter", read: readers.boolean, sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};

export const GROUP_VOCABULARY: Vocabulary<GroupQueryField> = {
  id: { field: "id", read: id("parameterGroup", "a parameter group (PGR-…)"), sortable: true },
  name: { field: "name", read: readers.text, text: true, sortable: true },
  label: { field: "label", read: readers.text, text: true, sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};

/** A group's parameters: each is named by its parameter's id. */
export const MEMBER_VOCABULARY: Vocabulary<MemberQueryField> = {
  id: { field: "id", read: id("parameter", "a parameter (PAR-…)"), sortable: true },
  "parameter.id": { field: "id", read: id("parameter", "a parameter (PAR-…)"), sortable: true },
  "parameter.name": { field: "label", read: readers.text, text: true, sortable: true },
  displayOrder: { field: "displayOrder", read: readOrder, sortable: true },
  "audit.created.at": { field: "createdAt", read: readers.date, sortable: true },
  "audit.updated.at": { field: "updatedAt", read: readers.date, sortable: true },
};
