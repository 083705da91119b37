/** Presenters: domain objects to the native wire shape (camelCase, ids as strings, ISO timestamps). */

import type { Actor } from "../../domain/access.ts";
import type { AuditRecord } from "../../domain/audit/record.ts";
import type { Case } from "../../domain/cases/case.ts";
import { nextStatuses, statusCategory } from "../../domain/cases/status.ts";
import type { Attachment } from "../../domain/chats/attachment.ts";
import type { Contact } from "../../domain/contacts/contact.ts";
import type { Account } from "../../domain/directory/account.ts";
import type { ApiKey } from "../../domain/directory/api-key.ts";
import type { User } from "../../domain/directory/user.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import { isOperations } from "../../domain/policy.ts";
import type { Queue } from "../../domain/queues/queue.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import type { Workspace } from "../../domain/workspaces/workspace.ts";

const id = (value: number | null) => (value === null ? null : String(value));
const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function presentCase(c: Case, actor: Actor) {
  return {
    id: String(c.number),
    number: c.number,
    title: c.title,
    description: c.description,
    status: c.status,
    statusCategory: statusCategory(c.status),
    nextStatuses: nextStatuses(c),
    priority: c.priority,
    type: c.type,
    parentId: id(c.parentNumber),
    queueId: id(c.queueId),
    assigneeId: id(c.assigneeId),
    reporterId: id(c.reporterId),
    requesterId: id(c.requesterId),
    accountId: id(c.accountId),
    resolution: c.resolution,
    solveReason: c.solveReason,
    ...(isOperations(actor) ? { awaiting: c.awaiting } : {}),
    queryPrompt: c.queryPrompt,
    customFields: c.customFields,
    tags: c.tags,
    revision: c.revision,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
    trashedAt: iso(c.trashedAt),
  };
}

export function presentEntry(e: TimelineEntry) {
  return {
    id: String(e.id),
    caseId: String(e.caseNumber),
    kind: e.kind,
    visibility: e.visibility,
    author: { type: e.authorType, id: id(e.authorId) },
    title: e.title,
    body: e.body,
    origin: e.origin
      ? {
          service: e.origin.service,
          serviceId: e.origin.serviceId,
          linkUrl: e.origin.linkUrl,
          contentType: e.origin.contentType,
          createdAt: iso(e.origin.createdAt),
          author: e.origin.author,
        }
      : null,
    revision: e.revision,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export const presentAudit = (r: AuditRecord) => ({
  id: String(r.id),
  action: r.action,
  revision: r.revision,
  at: r.at.toISOString(),
  actor: { type: r.actor.type, id: id(r.actor.id), label: r.actor.label },
  context: r.context,
  changes: r.changes,
});

export const presentContact = (c: Contact) => ({
  id: String(c.id),
  name: c.name,
  email: c.email,
  phone: c.phone,
  accountId: id(c.accountId),
  handles: c.handles,
  customFields: c.customFields,
  revision: c.revision,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const presentField = (f: FieldDefinition) => ({
  ...f,
  id: String(f.id),
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
});

export const presentQueue = (q: Queue) => ({
  ...q,
  id: String(q.id),
  ownerAccountId: id(q.ownerAccountId),
  createdAt: q.createdAt.toISOString(),
  updatedAt: q.updatedAt.toISOString(),
});

export const presentAccount = (a: Account) => ({
  ...a,
  id: String(a.id),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const presentUser = (u: User) => ({
  ...u,
  id: String(u.id),
  accountId: String(u.accountId),
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});

export const presentKey = (k: ApiKey) => ({
  id: String(k.id),
  name: k.name,
  prefix: k.prefix,
  userId: String(k.userId),
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  revokedAt: iso(k.revokedAt),
  expiresAt: iso(k.expiresAt),
});

export const presentWorkspace = (w: Workspace) => ({
  id: String(w.id),
  slug: w.slug,
  name: w.name,
  resolutionRequired: w.resolutionRequired,
  closeDelaySeconds: w.closeDelaySeconds,
});

export const presentAttachment = (a: Attachment) => ({
  id: String(a.id),
  caseId: String(a.caseNumber),
  name: a.name,
  description: a.description,
  filename: a.filename,
  contentType: a.contentType,
  size: a.size,
  sha256: a.sha256,
  addedBy: id(a.addedBy),
  deleted: a.deletedAt !== null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});
