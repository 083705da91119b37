/** Who takes part in a case's conversation: a contact or a user, once each, with their own reading state. */
import { type FieldError, invalid, ok, type Result } from "../errors.ts";

export const PARTICIPANT_STATUSES = ["active", "exited", "deactivated"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface Participant {
  id: number;
  caseNumber: number;
  /** Exactly one of contactId and userId is set. */
  contactId: number | null;
  userId: number | null;
  status: ParticipantStatus;
  muted: boolean;
  /** The last timeline entry the participant has read; null: none yet. */
  lastReadEntryId: number | null;
  /** The user who added the participant; null: joined by being the case's requester, reporter or assignee. */
  addedBy: number | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ParticipantChanges = Partial<Pick<Participant, "status" | "muted" | "lastReadEntryId">>;

/** What adding contacts to a conversation must respect: no contact twice, no blocked contact. */
export function checkNewParticipants(
  contacts: readonly ({ id: number; blocked: boolean } | undefined)[],
  present: ReadonlySet<number>,
): Result<number[]> {
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  contacts.forEach((contact, index) => {
    const path = [index, "contactId"];
    if (!contact) errors.push({ path, message: "refers to a contact that does not exist" });
    else if (contact.blocked) errors.push({ path, message: "is blocked and cannot join a conversation" });
    else if (present.has(contact.id) || seen.has(contact.id))
      errors.push({ path, message: "already takes part in this conversation" });
    if (contact) seen.add(contact.id);
  });
  if (contacts.length === 0) errors.push({ path: [], message: "names no contact to add" });
  return errors.length ? invalid(errors) : ok([...seen]);
}

/** The participant after `changes`; an unknown or another case's last-read entry is refused. */
export function decideParticipant(
  current: Participant,
  changes: ParticipantChanges,
  rules: { now: Date; lastReadExists: boolean },
): Result<Participant> {
  if (changes.lastReadEntryId !== undefined && changes.lastReadEntryId !== null && !rules.lastReadExists)
    return invalid([{ path: ["lastReadEntryId"], message: "refers to no message of this chat" }]);
  const next = { ...current, ...changes };
  const same =
    next.status === current.status &&
    next.muted === current.muted &&
    next.lastReadEntryId === current.lastReadEntryId;
  return ok(same ? current : { ...next, revision: current.revision + 1, updatedAt: rules.now });
}
