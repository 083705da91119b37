/**
 * Attachment uploads: `multipart/form-data` with a `file` part and an `attachment` part of JSON metadata. The
 * file streams to a temporary file while its size (capped while reading), type and SHA-256 are taken, so a
 * slow client never holds a database transaction open and no whole file sits in memory.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { ATTACHMENT_LIMITS, safeContentType, safeFilename } from "../../domain/chats/attachment.ts";
import { Failure } from "../../domain/errors.ts";
import type { Upload } from "../../ops/chats/attachments.ts";
import { EdgeProblem } from "../errors.ts";

/** Bytes per stored chunk: each is one row, read and written one at a time. */
const CHUNK_BYTES = 256 * 1024;

const bad = (part: string, message: string): never => {
  throw new Failure({
    code: "validation_failed",
    message: `${part}: ${message}`,
    fields: [{ path: [part], message, in: "body" }],
  });
};

/** What the metadata part may hold: a name and a description; the rest of an echoed object is ignored. */
function readMetadata(value: unknown): Upload["description"] {
  let parsed = value;
  if (typeof value === "string")
    try {
      parsed = JSON.parse(value);
    } catch {
      bad("attachment", "is not valid JSON");
    }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return bad("attachment", 'must be a JSON object such as {"name": …, "description": …}');
  const { name, description } = parsed as Record<string, unknown>;
  if (name !== undefined && (typeof name !== "string" || name.length > ATTACHMENT_LIMITS.name))
    bad("attachment.name", `must be a string of at most ${ATTACHMENT_LIMITS.name} characters`);
  if (
    description !== undefined &&
    (typeof description !== "string" || description.length > ATTACHMENT_LIMITS.description)
  )
    bad("attachment.description", `must be a string of at most ${ATTACHMENT_LIMITS.description} characters`);
  return {
    ...(name === undefined ? {} : { name: name as string }),
    ...(description === undefined ? {} : { description: description as string }),
  };
}

const tooLarge = (limit: number) =>
  new EdgeProblem("payload_too_large", `The file is larger than the limit of ${limit} bytes.`);

/** A parser's complaint about the body as the dialect's error: too large, bad JSON metadata, or malformed. */
function asProblem(error: unknown, limit: number): unknown {
  if (error instanceof Failure || error instanceof EdgeProblem) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(limit);
  if (code === "FST_INVALID_JSON_FIELD_ERROR")
    return new Failure({
      code: "validation_failed",
      message: "attachment: is not valid JSON",
      fields: [{ path: ["attachment"], message: "is not valid JSON", in: "body" }],
    });
  if (statusCode === 413) return new EdgeProblem("payload_too_large", "The upload has too many parts.");
  return new EdgeProblem("malformed_request", "The multipart body is malformed or was cut short.");
}

export interface ReceivedUpload {
  upload: Upload;
  /** Removes the temporary file; always called once the request is answered. */
  discard(): Promise<void>;
}

export async function receiveUpload(request: FastifyRequest, limit: number): Promise<ReceivedUpload> {
  if (!request.isMultipart())
    throw new EdgeProblem(
      "unsupported_media_type",
      "Send the file as multipart/form-data, with a file part and an attachment part.",
    );
  const dir = await mkdtemp(join(tmpdir(), "casework-upload-"));
  const discard = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "file");
  try {
    let file: Omit<Upload, "description" | "chunks"> | null = null;
    let description: Upload["description"] = {};
    for await (const part of request.parts({ limits: { fileSize: limit, files: 1, fields: 4, parts: 5 } })) {
      if (part.type === "file") {
        if (part.fieldname !== "file") bad(part.fieldname, "is not a part of an attachment upload");
        const hash = createHash("sha256");
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(part.file, meter, createWriteStream(path));
        if (part.file.truncated) throw tooLarge(limit);
        file = {
          filename: safeFilename(part.filename),
          contentType: safeContentType(part.mimetype),
          size,
          sha256: hash.digest("hex"),
        };
      } else if (part.fieldname === "attachment") description = readMetadata(part.value);
      else bad(part.fieldname, "is not a part of an attachment upload");
    }
    if (!file) return bad("file", "is required: the part holding the file's bytes");
    const chunks = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    return { upload: { ...file, description, chunks }, discard };
  } catch (error) {
    await discard();
    throw asProblem(error, limit);
  }
}
