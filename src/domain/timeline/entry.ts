/** Timeline entries: everything said on a case, in one ordered list. */
import { LIMITS } from "../cases/case.ts";
import { type FieldError, type FieldPath, invalid, ok, type Result } from "../errors.ts";

export const ENTRY_KINDS = ["interaction", "note", "message"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const VISIBILITIES = ["public", "internal"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type AuthorType = "user" | "contact" | "system";

/** Where an interaction came from (a social network or another channel). */
export interface EntryOrigin {
  service: string;
  serviceId: string | null;
  linkUrl: string | null;
  contentType: string | null;
  createdAt: Date | null;
  author: OriginAuthor | null;
}

export interface OriginAuthor {
  service: string;
  serviceId: string;
  handle: string;
  name: string;
  brandOwned: boolean;
}

export interface EntryInput {
  kind: EntryKind;
  visibility?: Visibility;
  title?: string | null;
  body: string;
  origin?: EntryOrigin | null;
  /** Who said it; defaults to the acting user. */
  author?: { type: AuthorType; id: number | null };
}

export interface TimelineEntry {
  id: number;
  caseNumber: number;
  kind: EntryKind;
  visibility: Visibility;
  authorType: AuthorType;
  authorId: number | null;
  title: string | null;
  body: string;
  origin: EntryOrigin | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  /** When it was deleted: its content is gone, the record stays so the conversation keeps its shape. */
  deletedAt: Date | null;
}

export type NewEntry = Omit<
  TimelineEntry,
  "id" | "caseNumber" | "revision" | "createdAt" | "updatedAt" | "deletedAt"
>;

/** Notes are internal unless said otherwise; interactions and messages are public. */
export const defaultVisibility = (kind: EntryKind): Visibility => (kind === "note" ? "internal" : "public");

export function checkEntries(
  inputs: readonly EntryInput[],
  actor: { type: AuthorType; id: number | null },
  path: FieldPath = ["timeline"],
): Result<NewEntry[]> {
  const errors: FieldError[] = [];
  if (inputs.length > LIMITS.entriesPerWrite)
    errors.push({ path, message: `at most ${LIMITS.entriesPerWrite} entries in one request` });
  const entries = inputs.map((input, index): NewEntry => {
    const at = [...path, index];
    // An interaction records a post as it was made, and a photo-only post has no text.
    if (input.kind !== "interaction" && input.body.trim().length === 0)
      errors.push({ path: [...at, "body"], message: "must not be empty" });
    if (input.body.length > LIMITS.entryBody)
      errors.push({ path: [...at, "body"], message: `must be at most ${LIMITS.entryBody} characters` });
    if (input.title && input.title.length > LIMITS.entryTitle)
      errors.push({ path: [...at, "title"], message: `must be at most ${LIMITS.entryTitle} characters` });
    if (input.kind === "interaction" && !input.origin)
      errors.push({ path: [...at, "origin"], message: "is required for interactions" });
    const author = input.author ?? actor;
    return {
      kind: input.kind,
      visibility: input.visibility ?? defaultVisibility(input.kind),
      authorType: author.type,
      authorId: author.id,
      title: input.title ?? null,
      body: input.body,
      origin: input.origin ?? null,
    };
  });
  return errors.length ? invalid(errors) : ok(entries);
}
