/** MPT chat participants, links and attachments from the records of a case's conversation. */
import type { Attachment } from "../../domain/chats/attachment.ts";
import type { Link } from "../../domain/chats/link.ts";
import type { Participant } from "../../domain/chats/participant.ts";
import type { participantDetails } from "../../ops/chats/participants.ts";
import { formatId } from "./ids.ts";
import { presentAudit } from "./present.ts";

type Related = Parameters<typeof presentAudit>[0];
type Details = Awaited<ReturnType<typeof participantDetails>>;

/** Rows kept per case keep who added them and when they last changed: `created` names the adder, `updated` no one. */
export function rowAudit(
  related: Related,
  row: { addedBy: number | null; revision: number; createdAt: Date; updatedAt: Date },
) {
  const created = {
    at: row.createdAt,
    actor: { type: row.addedBy === null ? "system" : "user", id: row.addedBy, label: "" },
  };
  const updated = { at: row.updatedAt, actor: { type: "system", id: null, label: "" } };
  return presentAudit(related, row.revision > 1 ? { created, updated } : { created }, row);
}

const ACCOUNT_TYPES = { client: "Client", vendor: "Vendor", operations: "Operations" } as const;
const STATUSES = { active: "Active", exited: "Exited", deactivated: "Deactivated" } as const;

export function presentParticipant(details: Details, p: Participant) {
  const contact = p.contactId === null ? undefined : details.contacts.get(p.contactId);
  const user = p.userId === null ? undefined : details.users.get(p.userId);
  const accountId = contact?.accountId ?? user?.accountId ?? null;
  const account = accountId === null ? undefined : details.accounts.get(accountId);
  return {
    id: formatId("participant", p.id),
    chat: { id: formatId("chat", p.caseNumber) },
    contact: contact
      ? { id: formatId("contact", contact.id), name: contact.name, email: contact.email }
      : null,
    identity: user ? { id: formatId("user", user.id), name: user.name, type: "User" as const } : null,
    account: account
      ? {
          id: formatId("account", account.id),
          name: account.name,
          type: ACCOUNT_TYPES[account.type as keyof typeof ACCOUNT_TYPES],
        }
      : null,
    status: STATUSES[p.status],
    muted: p.muted,
    lastReadMessage: p.lastReadEntryId === null ? null : { id: formatId("message", p.lastReadEntryId) },
    unread: details.unread.get(p.id) ?? 0,
    audit: rowAudit({ users: details.users, accounts: new Map(), queues: new Map() }, p),
  };
}

export function presentLink(related: Related, l: Link) {
  const uri = l.uri;
  return {
    id: formatId("link", l.id),
    chat: { id: formatId("chat", l.caseNumber) },
    message: l.entryId === null ? null : { id: formatId("message", l.entryId) },
    uri,
    url: uri,
    name: l.name,
    isDeleted: l.deletedAt !== null,
    revision: l.revision,
    audit: rowAudit(related, l),
  };
}

export const presentAttachment = (related: Related, a: Attachment) => ({
  id: formatId("attachment", a.id),
  chat: { id: formatId("chat", a.caseNumber) },
  name: a.name,
  description: a.description,
  filename: a.filename,
  contentType: a.contentType,
  size: a.size,
  hash: { algorithm: "SHA-256" as const, value: a.sha256 },
  isDeleted: a.deletedAt !== null,
  revision: a.revision,
  audit: rowAudit(related, a),
});
