/** Files attached to a case's conversation: their metadata, and how an upload's names and types are made safe. */
import { fail, invalid, ok, type Result } from "../errors.ts";

export interface Attachment {
  id: number;
  caseNumber: number;
  name: string;
  description: string;
  /** The file's own name, without any directory part. */
  filename: string;
  contentType: string;
  size: number;
  /** SHA-256 of the bytes, in hex. */
  sha256: string;
  addedBy: number | null;
  /** Deleting keeps the record (and drops the bytes). */
  deletedAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type AttachmentDescription = Pick<Attachment, "name" | "description">;

export const ATTACHMENT_LIMITS = { name: 255, description: 10_000, filename: 255 } as const;

/** A file name as a client sent it, reduced to its last path segment, without control characters. */
export function safeFilename(raw: string | undefined): string {
  const last = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = last.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  const named = cleaned === "." || cleaned === ".." ? "" : cleaned;
  return named.slice(0, ATTACHMENT_LIMITS.filename) || "file";
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** A declared content type, lower-cased without parameters; anything that is no media type is just bytes. */
export function safeContentType(raw: string | undefined): string {
  const type = (raw ?? "").split(";")[0]!.trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : "application/octet-stream";
}

/** Types a browser would run as a page from Casework's origin: such files are only ever served as bytes. */
const ACTIVE =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)$|\+xml$/;

/** The type a file is served with: its own, unless a browser would render it as a document of ours. */
export const servedType = (a: Pick<Attachment, "contentType">): string =>
  ACTIVE.test(a.contentType) ? "application/octet-stream" : a.contentType;

/** Name and description of a new attachment (the name defaults to the file's) or of an update. */
export function decideDescription(
  current: Attachment | null,
  changes: Partial<AttachmentDescription>,
  filename: string,
  now: Date,
): Result<AttachmentDescription & { revision: number; updatedAt: Date }> {
  if (current?.deletedAt)
    return fail("entry_not_editable", "The attachment was deleted and cannot be changed.");
  const name = (changes.name ?? current?.name ?? filename).trim();
  if (!name) return invalid([{ path: ["name"], message: "must not be empty" }]);
  const description = changes.description ?? current?.description ?? "";
  if (current && name === current.name && description === current.description) return ok(current);
  return ok({ name, description, revision: (current?.revision ?? 0) + 1, updatedAt: now });
}

/** Deleting keeps the record, marked deleted; deleting it again changes nothing. */
export const decideAttachmentDelete = (current: Attachment, now: Date): Attachment =>
  current.deletedAt
    ? current
    : { ...current, deletedAt: now, revision: current.revision + 1, updatedAt: now };
