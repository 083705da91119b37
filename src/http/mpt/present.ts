/** MPT objects from model records: cases, their chats and messages, queues, with audit from the audit trail. */

import type { Case } from "../../domain/cases/case.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import { seesAwaiting } from "../../domain/policy.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import type { CaseDetails } from "../../ops/cases/query-cases.ts";
import { presentCaseParameters } from "./case-parameters.ts";
import { formatId } from "./ids.ts";
import type { MptView } from "./view.ts";
import { caseStatus } from "./vocabulary.ts";

type Related = CaseDetails["related"];
type Events = Record<string, { at: Date; actor: { type: string; id: number | null; label: string } }>;

const identity = (related: Related, userId: number | null) => {
  const user = userId === null ? undefined : related.users.get(userId);
  return user ? { id: formatId("user", user.id), name: user.name } : null;
};

/** `{created: {at, by}, updated: {at, by}}`: the latest occurrence of each event, omitted until it happens. */
export function presentAudit(related: Related, events: Events | undefined, fallback: { createdAt: Date }) {
  const event = (name: string) => {
    const found = events?.[name];
    if (!found) return undefined;
    const by = found.actor.type === "user" ? identity(related, found.actor.id) : null;
    return {
      at: found.at.toISOString(),
      by: by ?? (found.actor.id === null ? null : { id: "", name: found.actor.label }),
    };
  };
  const created = event("created") ?? { at: fallback.createdAt.toISOString(), by: null };
  const updated = event("updated");
  return { created, ...(updated ? { updated } : {}) };
}

export function splitName(name: string) {
  const [firstName = "", ...rest] = name.trim().split(/\s+/);
  return { firstName, lastName: rest.join(" ") };
}

/** `parameters` are the Case parameter definitions the caller may see (`caseParameters`). */
export function presentCase(view: MptView, c: Case, parameters: readonly FieldDefinition[]) {
  const { related, events } = view.details;
  const assignee = c.assigneeId === null ? undefined : related.users.get(c.assigneeId);
  const account = c.accountId === null ? undefined : related.accounts.get(c.accountId);
  const queue = c.queueId === null ? undefined : related.queues.get(c.queueId);
  return {
    id: formatId("case", c.number),
    chat: { id: formatId("chat", c.number), type: "Case" as const },
    revision: c.revision,
    parameters: presentCaseParameters(parameters, c.customFields),
    status: caseStatus(c.status),
    // The policy hides the flag from client and vendor users: it is not shown as false, it is not there.
    ...(seesAwaiting(view.actor) ? { awaiting: c.awaiting } : {}),
    queryPrompt: c.queryPrompt,
    queue: queue ? { id: formatId("queue", queue.id), name: queue.name } : null,
    assignee: assignee
      ? { id: formatId("user", assignee.id), email: assignee.email, ...splitName(assignee.name) }
      : null,
    account: account ? { id: formatId("account", account.id), name: account.name } : null,
    reporter: identity(related, c.reporterId),
    audit: presentAudit(related, events.get(c.number), c),
  };
}

export function presentMessage(related: Related, e: TimelineEntry) {
  const sender = e.authorType === "user" ? identity(related, e.authorId) : null;
  return {
    id: formatId("message", e.id),
    chat: { id: formatId("chat", e.caseNumber) },
    sender,
    content: e.body,
    visibility: e.visibility === "public" ? ("Public" as const) : ("Private" as const),
    isDeleted: e.deletedAt !== null,
    audit: {
      created: { at: e.createdAt.toISOString(), by: sender },
      ...(e.revision > 1 ? { updated: { at: e.updatedAt.toISOString(), by: null } } : {}),
    },
  };
}

export function presentChat(view: MptView, c: Case, last: TimelineEntry | undefined) {
  const { related, events } = view.details;
  return {
    id: formatId("chat", c.number),
    revision: c.revision,
    name: c.title,
    description: c.description,
    type: "Case" as const,
    case: { id: formatId("case", c.number) },
    lastMessage: last ? presentMessage(related, last) : null,
    audit: presentAudit(related, events.get(c.number), c),
  };
}
