/** Links shared in a case's conversation: an address, a name, and optionally the message they belong to. */
import { type FieldError, fail, invalid, ok, type Result } from "../errors.ts";

export interface Link {
  id: number;
  caseNumber: number;
  /** The timeline entry (message) the link belongs to; null: the conversation as a whole. */
  entryId: number | null;
  uri: string;
  name: string;
  addedBy: number | null;
  deletedAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type LinkFields = Pick<Link, "entryId" | "uri" | "name">;

export const LINK_LIMITS = { uri: 2048, name: 255 } as const;

/** Only addresses a browser opens as a page or a mail: never `javascript:`, `data:` or a relative path. */
const SCHEMES = new Set(["http:", "https:", "mailto:"]);

function uriProblem(uri: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return "is not an absolute URI";
  }
  return SCHEMES.has(parsed.protocol) ? null : "must be an http, https or mailto URI";
}

/** A new link (current null) or an update; a deleted link is kept as a record and no longer changed. */
export function decideLink(
  current: Link | null,
  changes: Partial<LinkFields>,
  rules: { now: Date; entryExists: boolean },
): Result<Omit<Link, "id" | "caseNumber" | "addedBy">> {
  if (current?.deletedAt) return fail("entry_not_editable", "The link was deleted and cannot be changed.");
  const errors: FieldError[] = [];
  if (changes.uri !== undefined) {
    const problem = uriProblem(changes.uri);
    if (problem) errors.push({ path: ["uri"], message: problem });
  } else if (!current) errors.push({ path: ["uri"], message: "is required" });
  if (changes.entryId !== undefined && changes.entryId !== null && !rules.entryExists)
    errors.push({ path: ["entryId"], message: "refers to no message of this chat" });
  if (errors.length) return invalid(errors);
  const base = current ?? {
    entryId: null,
    uri: "",
    name: "",
    deletedAt: null,
    revision: 0,
    createdAt: rules.now,
    updatedAt: rules.now,
  };
  const next = { ...base, ...changes };
  if (current && next.uri === current.uri && next.name === current.name && next.entryId === current.entryId)
    return ok(current);
  return ok({ ...next, revision: base.revision + 1, updatedAt: rules.now });
}

/** Deleting keeps the link as a record, marked deleted; deleting it again changes nothing. */
export const decideLinkDelete = (current: Link, now: Date): Link =>
  current.deletedAt
    ? current
    : { ...current, deletedAt: now, revision: current.revision + 1, updatedAt: now };
