/**
 * How a change of a case's conversation (its participants, links and files) is told in the case's audit trail
 * and events: as field changes of the case, carrying the record's metadata (never a file's bytes).
 */
import { diff, type FieldChange } from "../audit/diff.ts";
import type { Attachment } from "./attachment.ts";
import type { Link } from "./link.ts";
import type { Participant } from "./participant.ts";

interface Parts {
  attachments: Attachment;
  links: Link;
  participants: Participant;
}
export type ConversationPart = keyof Parts;

/** What the trail keeps of each record; a participant's reading position is its own, not a change of the case. */
const KEPT = {
  attachments: ["name", "description", "filename", "contentType", "size", "sha256"],
  links: ["uri", "name", "entryId"],
  participants: ["contactId", "userId", "status", "muted"],
} as const satisfies { [P in ConversationPart]: readonly (keyof Parts[P] & string)[] };

const fieldsOf = (record: object) => record as Record<string, unknown>;

function summary<P extends ConversationPart>(part: P, record: Parts[P]): Record<string, unknown> {
  const fields: readonly string[] = KEPT[part];
  return Object.fromEntries([["id", record.id], ...fields.map((field) => [field, fieldsOf(record)[field]])]);
}

/** Records joined the conversation: `<part>` from nothing to their summaries. */
export const addedTo = <P extends ConversationPart>(part: P, records: readonly Parts[P][]): FieldChange[] =>
  records.length ? [{ field: part, before: null, after: records.map((r) => summary(part, r)) }] : [];

/** A record left it (deleted, or marked deleted): `<part>` from its summary to nothing. */
export const removedFrom = <P extends ConversationPart>(part: P, record: Parts[P]): FieldChange[] => [
  { field: part, before: [summary(part, record)], after: null },
];

/** A record changed: `<part>.<id>.<field>` for each kept field that differs (none: nothing to record). */
export function changedIn<P extends ConversationPart>(
  part: P,
  before: Parts[P],
  after: Parts[P],
): FieldChange[] {
  return diff(fieldsOf(before), fieldsOf(after), KEPT[part]).map((c) => ({
    ...c,
    field: `${part}.${before.id}.${c.field}`,
  }));
}
