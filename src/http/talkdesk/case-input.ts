/** Talkdesk create, update and note bodies read into Casework's case changes, notes and note edits. */
import type { CaseChanges } from "../../domain/cases/case.ts";
import { type FieldError, invalid, unwrap } from "../../domain/errors.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { EntryEdit } from "../../domain/timeline/edit.ts";
import type { EntryInput } from "../../domain/timeline/entry.ts";
import type { CreateCaseInput } from "../../ops/cases/create-case.ts";
import { readCustomFields } from "./custom-fields.ts";
import { readPriority, readStatus, readType, WIRE_PRIORITIES, WIRE_STATUSES, WIRE_TYPES } from "./enums.ts";

export interface WireNote {
  note_title?: string | null;
  note_body?: string;
  notes_title?: string | null;
  notes_body?: string;
  public?: boolean;
}

type WireId = string | number | null | undefined;

interface WireCaseFields {
  title?: string;
  description?: string;
  parent_id?: WireId;
  owner_id?: WireId;
  group_id?: WireId;
  priority?: string;
  type?: string;
  status?: string;
  resolution?: string | null;
  solve_reason?: string | null;
  custom_fields?: Record<string, unknown>;
  notes?: WireNote[];
}

export interface WireCreate extends WireCaseFields {
  title: string;
  description: string;
  requester_email?: string;
  requester_name?: string;
  requester_type?: string;
}

/** Both spellings of a note's fields are read; Talkdesk's own documents use both. */
export const noteEdit = (note: WireNote): EntryEdit => ({
  ...(note.note_title !== undefined || note.notes_title !== undefined
    ? { title: note.note_title ?? note.notes_title ?? null }
    : {}),
  ...(note.note_body !== undefined || note.notes_body !== undefined
    ? { body: note.note_body ?? note.notes_body ?? "" }
    : {}),
  ...(note.public !== undefined ? { visibility: note.public ? "public" : "internal" } : {}),
});

const notesOf = (notes: WireNote[] | undefined): EntryInput[] =>
  (notes ?? []).map((note) => ({
    kind: "note",
    title: note.note_title ?? note.notes_title ?? null,
    body: note.note_body ?? note.notes_body ?? "",
    // Unmarked notes take the domain's default: internal from operations users, public from outsiders.
    ...(note.public !== undefined
      ? { visibility: note.public ? ("public" as const) : ("internal" as const) }
      : {}),
  }));

/** An id reference: empty or null clears it; anything but a whole number names nothing that exists. */
function reference(value: WireId, field: string, errors: FieldError[]): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === "" || value === 0) return null;
  const text = String(value);
  if (/^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  errors.push({ path: [field], message: "refers to a record that does not exist" });
  return undefined;
}

function enumWord<T>(
  value: string | undefined,
  read: (word: string) => T | null,
  words: readonly string[],
  field: string,
  errors: FieldError[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = read(value);
  if (found === null) errors.push({ path: [field], message: `must be one of ${words.join(", ")}` });
  return found ?? undefined;
}

function changesOf(
  body: WireCaseFields,
  definitions: readonly FieldDefinition[],
  wrapped: boolean,
  errors: FieldError[],
): CaseChanges {
  const changes: CaseChanges = {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
    ...(body.solve_reason !== undefined ? { solveReason: body.solve_reason } : {}),
  };
  const refs = { parentNumber: body.parent_id, assigneeId: body.owner_id, queueId: body.group_id };
  const names = { parentNumber: "parentId", assigneeId: "assigneeId", queueId: "queueId" } as const;
  for (const [key, value] of Object.entries(refs) as [keyof typeof refs, WireId][]) {
    const id = reference(value, names[key], errors);
    if (id !== undefined) changes[key] = id;
  }
  const priority = enumWord(body.priority, readPriority, WIRE_PRIORITIES, "priority", errors);
  if (priority) changes.priority = priority;
  const type = enumWord(body.type, readType, WIRE_TYPES, "type", errors);
  if (type) changes.type = type;
  const status = enumWord(body.status, readStatus, WIRE_STATUSES, "status", errors);
  if (status) changes.status = status;
  if (body.custom_fields) {
    try {
      changes.customFields = readCustomFields(definitions, body.custom_fields, wrapped);
    } catch (error) {
      errors.push(...((error as { fields?: FieldError[] }).fields ?? []));
    }
  }
  return changes;
}

export function createInput(body: WireCreate, definitions: readonly FieldDefinition[]): CreateCaseInput {
  const errors: FieldError[] = [];
  const changes = changesOf(body, definitions, false, errors);
  if (body.requester_type !== undefined && body.requester_type.toLowerCase() !== "contact")
    errors.push({ path: ["requester_type"], in: "body", message: "must be Contact" });
  if (body.requester_name !== undefined && body.requester_email === undefined)
    errors.push({ path: ["requester", "email"], message: "is required to find or create a requester" });
  if (errors.length) unwrap(invalid(errors));
  return {
    ...changes,
    title: body.title,
    timeline: notesOf(body.notes),
    ...(body.requester_email !== undefined
      ? {
          requester: {
            email: body.requester_email,
            ...(body.requester_name ? { name: body.requester_name } : {}),
          },
        }
      : {}),
  };
}

export function updateInput(
  body: WireCaseFields,
  definitions: readonly FieldDefinition[],
): { changes: CaseChanges; timeline: EntryInput[] } {
  const errors: FieldError[] = [];
  const changes = changesOf(body, definitions, true, errors);
  if (errors.length) unwrap(invalid(errors));
  return { changes, timeline: notesOf(body.notes) };
}
